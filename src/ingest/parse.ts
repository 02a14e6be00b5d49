// The parse stage: decoded text → ParsedFeed (RSS 0.9x/1.0/2.0, Atom, JSON Feed), or a BantinError
// with stage 'parse' and one of the codes: empty, not-a-feed, malformed, entity-expansion, unsupported.
import { BantinError } from '../errors.js';
import { isJsonText, parseJsonFeed } from './parse-json-feed.js';
import { findHtmlTitle, isHtmlDocument, sniffDocument } from './parse-sniff.js';
import { parseXmlFeed } from './parse-xml.js';
import type { ParsedFeed } from './types.js';

const xmlRoots: Record<string, 'rss' | 'rdf' | 'atom'> = { rss: 'rss', 'rdf:RDF': 'rdf', feed: 'atom' };

/** Parses a decoded (NFC) feed body into its items as written. */
export async function parseFeed(text: string): Promise<ParsedFeed> {
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new BantinError('parse', 'empty', 'empty response body');
  if (text.slice(0, 4096).includes('\u0000')) {
    throw new BantinError('parse', 'malformed', 'text contains NUL characters (UTF-16 or UTF-32 bytes read with the wrong charset?)');
  }
  if (isJsonText(text)) return parseJsonFeed(text);
  const sniff = sniffDocument(text);
  if (isHtmlDocument(sniff)) throw htmlPageError(text);
  // Refused before any parser runs: nothing is expanded, however the entities nest.
  if (sniff.declaresEntities) {
    throw new BantinError('parse', 'entity-expansion', 'refused a document that declares entities in its DOCTYPE (possible entity-expansion attack)');
  }
  if (sniff.rootName === null) {
    if (text.trimStart().startsWith('<')) throw new BantinError('parse', 'malformed', 'XML has no root element');
    throw new BantinError('parse', 'not-a-feed', `got neither XML nor JSON (starts with ${JSON.stringify(text.trim().slice(0, 40))})`);
  }
  const format = Object.hasOwn(xmlRoots, sniff.rootName) ? xmlRoots[sniff.rootName] : undefined;
  if (format === undefined) {
    throw new BantinError('parse', 'unsupported', `XML root <${sniff.rootName.slice(0, 60)}> is not rss, rdf:RDF or feed`, {
      context: { root: sniff.rootName.slice(0, 60) },
    });
  }
  return parseXmlFeed(text, format);
}

function htmlPageError(text: string): BantinError {
  const title = findHtmlTitle(text);
  const suffix = title === undefined ? '' : ` (title: "${title}")`;
  return new BantinError('parse', 'not-a-feed', `got an HTML page, not a feed${suffix}`, { context: { title } });
}
