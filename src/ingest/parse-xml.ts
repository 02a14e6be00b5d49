// RSS 0.9x/1.0/2.0 and Atom through rss-parser. rss-parser reads the XML (xml2js over sax, strict)
// and picks the format; the tree is then mapped here rather than by rss-parser's item builders,
// because those throw on an unparsable Atom date or an attribute-less <link> (losing the whole
// feed for one bad entry), run a regex that is quadratic on hostile descriptions, and drop what we
// need (guid isPermaLink, media:*, xml:base, category lists, Atom link rels).
import Parser from 'rss-parser';
import { BantinError } from '../errors.js';
import { pickAtomLink, readAtomEntry, readAtomPerson, readAtomText, readRssItem, resolveBase } from './parse-xml-items.js';
import type { ItemContext } from './parse-xml-items.js';
import { getAttr, getChild, getChildren, getChildText, getMarkup } from './parse-xml-nodes.js';
import type { XmlNode } from './parse-xml-nodes.js';
import type { ParsedFeed } from './types.js';

/** At most this many items are read from one feed (document order); real feeds carry tens to hundreds. */
export const MAX_FEED_ITEMS = 5000;

type XmlFormat = 'rss' | 'rdf' | 'atom';

/** The document tree as rss-parser's XML reader produced it, with the format it detected. */
interface CapturedTree {
  format: XmlFormat;
  root: XmlNode;
}

type XmlDocument = Record<string, unknown>;

// The build hooks are rss-parser's own dispatch points (parseString calls them by format).
class TreeCapturingParser extends Parser {
  buildAtomFeed(xmlObj: XmlDocument): CapturedTree {
    return { format: 'atom', root: asNode(xmlObj.feed) };
  }
  buildRSS2(xmlObj: XmlDocument): CapturedTree {
    return { format: 'rss', root: asNode(xmlObj.rss) };
  }
  buildRSS0_9(xmlObj: XmlDocument): CapturedTree {
    return { format: 'rss', root: asNode(xmlObj.rss) };
  }
  buildRSS1(xmlObj: XmlDocument): CapturedTree {
    return { format: 'rdf', root: asNode(xmlObj['rdf:RDF']) };
  }
}

function asNode(value: unknown): XmlNode {
  return typeof value === 'string' || (typeof value === 'object' && value !== null) ? (value as XmlNode) : '';
}

const saxPosition = /\nLine: (\d+)\nColumn: (\d+)(?:\nChar: ([\s\S]*))?$/;

/** Parses an XML feed whose root element is rss, rdf:RDF or feed. */
export async function parseXmlFeed(text: string, expected: XmlFormat): Promise<ParsedFeed> {
  const tree = await readTreeLeniently(text, expected, true);
  return tree.format === 'atom' ? mapAtomFeed(tree.root) : mapRssFeed(tree.root, tree.format);
}

async function readTreeLeniently(text: string, expected: XmlFormat, mayRepair: boolean): Promise<CapturedTree> {
  try {
    return await readTree(text);
  } catch (error) {
    if (isUnrecognizedError(error)) return { format: expected, root: '' };
    if (mayRepair && isBareAmpersandError(error)) return readTreeLeniently(escapeBareAmpersands(text), expected, false);
    return rethrowAsMalformed(error);
  }
}

async function readTree(text: string): Promise<CapturedTree> {
  // A fresh parser per document: xml2js keeps per-parse state on the instance.
  const parser = new TreeCapturingParser({ defaultRSS: 2 });
  return (await parser.parseString(text)) as unknown as CapturedTree;
}

function isBareAmpersandError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('Invalid character in entity name');
}

function isUnrecognizedError(error: unknown): boolean {
  // rss-parser's words when the root element is empty text (`<feed/>`): the sniffed root is right, the feed is empty.
  return error instanceof Error && error.message.startsWith('Feed not recognized');
}

/** `&` that starts no entity or character reference (a frequent mistake in real feeds) becomes `&amp;`. */
function escapeBareAmpersands(text: string): string {
  return text.replace(/&(?![A-Za-z_][\w.-]{0,40};|#\d{1,8};|#x[0-9A-Fa-f]{1,8};)/g, '&amp;');
}

function rethrowAsMalformed(error: unknown): never {
  if (!(error instanceof Error)) throw error;
  const match = saxPosition.exec(error.message);
  if (match === null) throw error;
  const reason = error.message.slice(0, match.index).trim().toLowerCase();
  const line = Number(match[1]) + 1;
  throw new BantinError('parse', 'malformed', `malformed XML at line ${line}, column ${match[2]}: ${reason}`, {
    cause: error,
    context: { line, column: Number(match[2]) },
  });
}

function readTtl(channel: XmlNode | undefined): number | undefined {
  const ttl = Number.parseInt(getChildText(channel, 'ttl') ?? '', 10);
  return Number.isFinite(ttl) && ttl > 0 ? ttl : undefined;
}

function mapRssFeed(root: XmlNode, format: 'rss' | 'rdf'): ParsedFeed {
  const channel = getChild(root, 'channel');
  // Misplaced items (beside the channel in RSS 2.0, inside it in RDF) are still items.
  const items = [...getChildren(channel, 'item'), ...getChildren(root, 'item')].slice(0, MAX_FEED_ITEMS);
  const rootBase = resolveBase(getAttr(root, 'xml:base'), undefined);
  const context: ItemContext = { baseUrl: resolveBase(getAttr(channel, 'xml:base'), rootBase) };
  return {
    format,
    title: (getMarkup(getChild(channel, 'title'))?.trim() || undefined) ?? getChildText(channel, 'dc:title'),
    link: getChildText(channel, 'link') ?? pickAtomLink([...getChildren(channel, 'atom:link'), ...getChildren(channel, 'link')]),
    ttlMinutes: readTtl(channel),
    items: items.map((item) => readRssItem(item, context)),
  };
}

function mapAtomFeed(root: XmlNode): ParsedFeed {
  const context: ItemContext = {
    baseUrl: resolveBase(getAttr(root, 'xml:base'), undefined),
    feedAuthor: readAtomPerson(getChild(root, 'author')),
  };
  return {
    format: 'atom',
    title: readAtomText(getChild(root, 'title'), false)?.trim(),
    link: pickAtomLink(getChildren(root, 'link')),
    items: getChildren(root, 'entry')
      .slice(0, MAX_FEED_ITEMS)
      .map((entry) => readAtomEntry(entry, context)),
  };
}
