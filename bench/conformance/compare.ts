// Compares our items with another parser's reference output where that is fair: the number of
// items, their titles (as plain text on both sides) and their links (canonicalized on both sides).
import { readFileSync } from 'node:fs';
import { toPlainText } from '../../src/ingest/plain-text.js';
import { canonicalizeUrl } from '../../src/ingest/urls.js';
import type { Reference } from './files.js';
import type { JobRecord } from './types.js';

/** The outcome of one comparison with a reference. */
export interface Comparison {
  countMatches: boolean;
  titles: { compared: number; matched: number };
  links: { compared: number; matched: number };
  others: { compared: number; matched: number };
  /** The first difference found, for the report. */
  firstDifference?: string;
}

interface ReferenceItem {
  title?: string;
  link?: string;
  /** Only the vn references give these: the lead image and the plain-text description. */
  image?: string;
  summary?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Compares a parsed file with its reference; null when the reference cannot be read or we did not parse. */
export function compareWithReference(record: JobRecord, reference: Reference): Comparison | null {
  const ours = record.result?.feed?.items;
  const theirs = readReferenceItems(reference);
  if (ours === undefined || theirs === null) return null;
  const comparison: Comparison = { countMatches: ours.length === theirs.length, titles: { compared: 0, matched: 0 }, links: { compared: 0, matched: 0 }, others: { compared: 0, matched: 0 } };
  if (!comparison.countMatches) comparison.firstDifference = `${ours.length} items, reference has ${theirs.length}`;
  theirs.slice(0, ours.length).forEach((item, index) => {
    const mine = ours[index]!;
    if (item.title !== undefined) {
      const expected = toPlainText(item.title);
      const same = tally(comparison.titles, mine.title === expected);
      if (!same) comparison.firstDifference ??= `title #${index}: ${JSON.stringify(mine.title)} vs ${JSON.stringify(expected)}`;
    }
    if (item.link !== undefined && item.link.trim() !== '') {
      const expected = canonicalizeUrl(item.link.trim()) ?? item.link.trim();
      const same = tally(comparison.links, mine.url === expected);
      if (!same) comparison.firstDifference ??= `link #${index}: ${JSON.stringify(mine.url)} vs ${JSON.stringify(expected)}`;
    }
    for (const [field, actual] of [['image', mine.imageUrl], ['summary', mine.summary]] as const) {
      const expected = item[field];
      if (expected === undefined) continue;
      if (!tally(comparison.others, actual === expected)) comparison.firstDifference ??= `${field} #${index}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`;
    }
  });
  return comparison;
}

function tally(counter: { compared: number; matched: number }, same: boolean): boolean {
  counter.compared += 1;
  if (same) counter.matched += 1;
  return same;
}

function readReferenceItems(reference: Reference): ReferenceItem[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(reference.path, 'utf8'));
  } catch {
    return null;
  }
  switch (reference.kind) {
    case 'rss-parser':
      return isObject(doc) && isObject(doc.feed) ? readItems(doc.feed.items, 'link') : null;
    case 'gofeed':
      return isObject(doc) ? (Array.isArray(doc.entries) ? readAtomEntries(doc.entries) : readItems(doc.items, 'link')) : null;
    case 'jsonfeed':
      return isObject(doc) ? readItems(doc.items, 'url') : null;
    case 'vn':
      return Array.isArray(doc) ? doc.filter(isObject).map((item) => ({ ...readItem(item, 'link'), image: asString(item.image), summary: asString(item.desc) })) : null;
  }
}

function readItems(items: unknown, linkKey: string): ReferenceItem[] | null {
  if (items === undefined) return [];
  if (!Array.isArray(items)) return null;
  return items.filter(isObject).map((item) => readItem(item, linkKey));
}

function readItem(item: Json, linkKey: string): ReferenceItem {
  return { title: asString(item.title), link: asString(item[linkKey]) };
}

/** gofeed's Atom parser output: links as a list with rel; the alternate one is the entry's link. */
function readAtomEntries(entries: unknown[]): ReferenceItem[] {
  return entries.filter(isObject).map((entry) => {
    const links = Array.isArray(entry.links) ? entry.links.filter(isObject) : [];
    const alternate = links.find((link) => (asString(link.rel) ?? 'alternate') === 'alternate');
    return { title: asString(entry.title), link: alternate === undefined ? undefined : asString(alternate.href) };
  });
}
