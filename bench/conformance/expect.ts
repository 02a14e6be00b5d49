// Translates the common shapes of feedparser `Expect:` lines (Python expressions) into checks on
// our result. A line is translated only when every clause of it is; the rest are counted apart.
//
// Mapping: bozo ⇔ our pipeline threw a BantinError (decode or parse). feed['title'|'link'] ⇔ the
// parsed feed's plain-text title and link. entries[N][...]: title → title (equal, or equal to the
// expected markup's plain text), link → url (equal, or
// equal once canonicalized like ours), id → guid, author → author, summary/description → the
// sanitized HTML (compared as normalized markup) or, for plain text, our summary,
// content[0]['value'] → contentHtml, tags[M]['term'] → categories[M]. len(entries) → item count.
// title_detail['value'] reads as title; encoding → the charset decode chose (same WHATWG encoding,
// or a superset that decodes the file identically: ASCII under UTF-8, GB2312 under GBK).
import { parseHTML } from 'linkedom';
import { toPlainText } from '../../src/ingest/plain-text.js';
import { canonicalizeUrl } from '../../src/ingest/urls.js';
import type { ItemSummary, JobRecord } from './types.js';
import { decodePythonStrings, splitTopLevel } from './python.js';

/** How one Expect line fared. */
export type ExpectOutcome = 'passed' | 'failed' | 'untranslated';

type Check = (record: JobRecord) => boolean;

/** Evaluates one Expect line against a file's record. */
export function evaluateExpect(expression: string, record: JobRecord): ExpectOutcome {
  const checks = splitTopLevel(expression.trim(), ' and ').map(translateClause);
  if (checks.some((check) => check === null)) return 'untranslated';
  return checks.every((check) => check !== null && check(record)) ? 'passed' : 'failed';
}

const isBozo = (record: JobRecord): boolean => record.status === 'rejected';

function translateClause(clause: string): Check | null {
  const text = clause.trim();
  if (text === 'bozo') return isBozo;
  if (text === 'not bozo') return (record) => record.status === 'parsed';
  if (text === '1') return (record) => record.status === 'parsed' || record.status === 'rejected';
  const equality = /^(.+?)\s*==\s*(.+)$/s.exec(text);
  if (equality === null) return null;
  const [, left = '', right = ''] = equality;
  const count = /^len\(entries\)$/.exec(left.trim());
  if (count !== null && /^\d+$/.test(right.trim())) {
    return (record) => (record.result?.feed?.items.length ?? -1) === Number(right.trim());
  }
  const expected = decodePythonStrings(right);
  if (expected === null) return null;
  return translatePath(left.trim(), expected);
}

function translatePath(path: string, expected: string): Check | null {
  if (path === 'encoding') return (record) => isSameEncoding(record.result?.charset, expected);
  const feedKey = /^feed\[['"](title|link)['"]\](?:\[['"]value['"]\])?$/.exec(path.replace(/^feed\[['"]title_detail['"]\]/, "feed['title']"));
  if (feedKey !== null) {
    return (record) => {
      const feed = record.result?.feed;
      return feedKey[1] === 'title' ? isSameText(feed?.title ?? '', expected) : isSameUrl(feed?.link ?? null, expected);
    };
  }
  // title_detail['value'] is feedparser's title itself.
  const entry = /^entries\[(\d+)\](?:\[['"](\w+)['"]\]|\.(\w+))(.*)$/.exec(path.replace(/\['title_detail'\]\['value'\]$/, "['title']"));
  if (entry === null) return null;
  const index = Number(entry[1]);
  const key = entry[2] ?? entry[3] ?? '';
  const compare = translateEntryKey(key, (entry[4] ?? '').trim(), expected);
  if (compare === null) return null;
  return (record) => {
    const item = record.result?.feed?.items[index];
    return item !== undefined && compare(item);
  };
}

function translateEntryKey(key: string, rest: string, expected: string): ((item: ItemSummary) => boolean) | null {
  if (rest === '') {
    switch (key) {
      case 'title':
        return (item) => isSameText(item.title, expected);
      case 'link':
        return (item) => isSameUrl(item.url, expected);
      case 'id':
        return (item) => item.guid === expected;
      case 'author':
        return (item) => item.author === expected;
      case 'summary':
      case 'description':
        return (item) => isSameHtml(item.contentHtml, expected) || item.summary === expected;
      default:
        return null;
    }
  }
  if (key === 'content' && /^\[0\]\[['"]value['"]\]$/.test(rest)) return (item) => isSameHtml(item.contentHtml, expected);
  const tag = /^\[(\d+)\]\[['"]term['"]\]$/.exec(rest);
  if (key === 'tags' && tag !== null) return (item) => item.categories[Number(tag[1])] === expected;
  return null;
}

// ASCII text decodes the same under any ASCII-compatible charset; GBK is decoded by the GB18030 decoder.
const encodingFamilies: Record<string, string[]> = { 'us-ascii': ['utf-8', 'windows-1252'], gb18030: ['gbk', 'gb18030'] };

function isSameEncoding(actual: string | undefined, expected: string): boolean {
  if (actual === undefined) return false;
  const family = encodingFamilies[expected.toLowerCase()] ?? encodingFamilies[whatwgEncoding(expected) ?? ''];
  return actual === whatwgEncoding(expected) || (family?.includes(actual) ?? false);
}

/** The WHATWG name of a Python codec name, as TextDecoder resolves it (us-ascii and iso-8859-1 read as windows-1252). */
function whatwgEncoding(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/** Our titles are plain text by contract; feedparser keeps (sanitized) markup in HTML-typed titles. */
function isSameText(actual: string, expected: string): boolean {
  return actual === expected || actual === toPlainText(expected);
}

function isSameUrl(actual: string | null, expected: string): boolean {
  if (actual === null) return expected === '';
  return actual === expected || actual === canonicalizeUrl(expected);
}

/** Compares markup after both went through the same HTML parser; ignores the rel=noopener our sanitizer adds. */
function isSameHtml(actual: string, expected: string): boolean {
  return canonicalizeHtml(actual) === canonicalizeHtml(expected);
}

function canonicalizeHtml(html: string): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  document.body.innerHTML = html;
  for (const link of Array.from(document.body.querySelectorAll('a[rel="noopener noreferrer"]'))) link.removeAttribute('rel');
  return document.body.innerHTML.replace(/\s+/g, ' ').trim();
}

/** True when sanitized HTML still carries markup that could run script (for the sanitize/ cases). */
export function hasDangerousMarkup(html: string): boolean {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  document.body.innerHTML = html;
  if (document.body.querySelector('script, style, iframe, object, embed, applet, frame, frameset, form, meta, link, base') !== null) return true;
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    for (const attribute of Array.from<Attr>(element.attributes)) {
      if (/^on/i.test(attribute.name)) return true;
      if (/^(href|src|action|formaction|xlink:href|background|poster)$/i.test(attribute.name) && /^\s*(javascript|vbscript|data:text\/html)/i.test(attribute.value)) return true;
    }
  }
  return false;
}
