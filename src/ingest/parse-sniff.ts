// Looks at the start of a document, before any parser runs: which root element, which DOCTYPE,
// whether it declares entities. Hand-written scanning (indexOf, no backtracking regex) so hostile
// input costs linear time.
import { decodeHTML } from 'entities';

/** What the prolog of an XML/HTML document says. */
export interface DocumentSniff {
  /** Name of the first element as written (e.g. `rss`, `rdf:RDF`, `html`), or null when none starts the text. */
  rootName: string | null;
  /** The DOCTYPE declaration's text without `<!DOCTYPE` and `>`, or null. */
  doctype: string | null;
  /** True when the DOCTYPE's internal subset declares entities (`<!ENTITY`). */
  declaresEntities: boolean;
}

// Elements that only start an HTML page or fragment (error pages, captive portals, soft 404s).
const htmlRoots = new Set(['html', 'head', 'body', 'meta', 'title', 'script', 'style', 'link', 'div', 'p', 'table', 'center', 'h1', 'noscript', 'iframe']);
// A <title> further in than this is not looked for: the error message only needs a hint.
const titleSearchLimit = 65_536;

/** Reads the prolog (XML declaration, comments, processing instructions, DOCTYPE) and the root element's name. */
export function sniffDocument(text: string): DocumentSniff {
  let pos = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  let doctype: string | null = null;
  let declaresEntities = false;
  while (pos < text.length && text[pos] === '<') {
    if (text.startsWith('<?', pos)) pos = skipPast(text, pos, '?>');
    else if (text.startsWith('<!--', pos)) pos = skipPast(text, pos, '-->');
    else if (text.slice(pos, pos + 9).toUpperCase() === '<!DOCTYPE') {
      const end = findDoctypeEnd(text, pos + 9);
      doctype = text.slice(pos + 9, end).trim();
      declaresEntities = doctype.includes('<!ENTITY');
      pos = end + 1;
    } else {
      return { rootName: readName(text, pos + 1), doctype, declaresEntities };
    }
    pos = skipSpace(text, pos);
  }
  return { rootName: null, doctype, declaresEntities };
}

/** True when the sniffed document is an HTML page rather than a feed (the root element decides; an XHTML DOCTYPE before <rss> does not). */
export function isHtmlDocument(sniff: DocumentSniff): boolean {
  if (sniff.rootName !== null) return htmlRoots.has(sniff.rootName.toLowerCase());
  // No element follows the prolog: only the DOCTYPE can tell.
  return sniff.doctype !== null && /^html\b/i.test(sniff.doctype);
}

/** The page's <title> as plain text (at most 120 characters), if it has one near the top. */
export function findHtmlTitle(text: string): string | undefined {
  const head = text.slice(0, titleSearchLimit);
  const lower = head.toLowerCase();
  const open = lower.indexOf('<title');
  if (open < 0) return undefined;
  const start = lower.indexOf('>', open);
  const end = lower.indexOf('</title', start);
  if (start < 0 || end < 0) return undefined;
  const title = decodeHTML(head.slice(start + 1, end)).replace(/\s+/g, ' ').trim();
  if (title === '') return undefined;
  return title.length > 120 ? `${title.slice(0, 119)}…` : title;
}

function skipSpace(text: string, pos: number): number {
  while (pos < text.length && /\s/.test(text[pos]!)) pos += 1;
  return pos;
}

function skipPast(text: string, pos: number, terminator: string): number {
  const end = text.indexOf(terminator, pos);
  return end < 0 ? text.length : end + terminator.length;
}

/** Index of the `>` closing a DOCTYPE, honouring quotes and the `[...]` internal subset. */
function findDoctypeEnd(text: string, pos: number): number {
  let quote: string | null = null;
  let inSubset = false;
  for (; pos < text.length; pos += 1) {
    const c = text[pos];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') inSubset = true;
    else if (c === ']') inSubset = false;
    else if (c === '>' && !inSubset) return pos;
  }
  return text.length;
}

function readName(text: string, pos: number): string | null {
  let end = pos;
  while (end < text.length && /[^\s/>]/.test(text[end]!)) end += 1;
  return end > pos ? text.slice(pos, end) : null;
}
