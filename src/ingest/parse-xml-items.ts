// Maps RSS 0.9x/1.0/2.0 items and Atom entries (as xml2js trees) to RawItem values.
import {
  getAttr,
  getChild,
  getChildren,
  getChildText,
  getInnerXhtml,
  getMarkup,
  getTrimmedText,
  isXmlElement,
} from './parse-xml-nodes.js';
import type { XmlNode } from './parse-xml-nodes.js';
import type { RawItem } from './types.js';

/** What an item inherits from its feed. */
export interface ItemContext {
  /** xml:base in force above the item (root and channel/feed), already resolved. */
  baseUrl?: string;
  /** Atom feed-level author, which applies to entries that name none. */
  feedAuthor?: string;
}

const imageExtension = /\.(jpe?g|png|gif|webp|avif|bmp)(?:[?#]|$)/i;

/** Resolves an xml:base against the base in force above it; keeps it as written when it cannot be resolved. */
export function resolveBase(base: string | undefined, parent: string | undefined): string | undefined {
  const trimmed = base?.trim();
  if (trimmed === undefined || trimmed === '') return parent;
  try {
    return new URL(trimmed, parent).href;
  } catch {
    return trimmed;
  }
}

/** Maps one RSS (or RDF) <item>. */
export function readRssItem(node: XmlNode, context: ItemContext): RawItem {
  const guidNode = getChildren(node, 'guid').find((child) => getTrimmedText(child) !== undefined);
  const guid = guidNode === undefined ? getAttr(node, 'rdf:about')?.trim() || undefined : getTrimmedText(guidNode);
  const guidIsPermalink = guidNode === undefined ? undefined : isPermalinkGuid(getAttr(guidNode, 'isPermaLink'));
  const link = getChildText(node, 'link') ?? pickAtomLink([...getChildren(node, 'atom:link'), ...getChildren(node, 'link')]);
  return {
    guid,
    guidIsPermalink,
    link: link ?? (guidIsPermalink === true && isHttpUrl(guid) ? guid : undefined),
    title: readMarkup(node, 'title') ?? readMarkup(node, 'dc:title'),
    // content:encoded, else the rarer full-content elements older feeds used.
    contentHtml: ['content:encoded', 'xhtml:body', 'body', 'fullitem'].map((name) => readMarkup(node, name)).find((html) => html !== undefined),
    summaryHtml: readMarkup(node, 'description') ?? readMarkup(node, 'dc:description'),
    author: ['dc:creator', 'author', 'dc:author', 'itunes:author'].map((name) => getChildText(node, name)).find((name) => name !== undefined),
    categories: readTexts(node, ['category', 'dc:subject']),
    published: getChildText(node, 'pubDate') ?? getChildText(node, 'dc:date') ?? getChildText(node, 'dcterms:issued'),
    updated: getChildText(node, 'dcterms:modified') ?? getChildText(node, 'atom:updated'),
    imageUrls: readImageUrls(node, []),
    baseUrl: resolveBase(getAttr(node, 'xml:base'), context.baseUrl),
  };
}

/** Maps one Atom (1.0 or 0.3) <entry>. */
export function readAtomEntry(node: XmlNode, context: ItemContext): RawItem {
  const links = getChildren(node, 'link');
  const updated = getChildText(node, 'updated') ?? getChildText(node, 'modified');
  return {
    guid: getChildText(node, 'id'),
    link: pickAtomLink(links),
    title: readAtomText(getChild(node, 'title'), false),
    contentHtml: readAtomText(getChild(node, 'content'), true),
    summaryHtml: readAtomText(getChild(node, 'summary'), false),
    author: readAtomPerson(getChild(node, 'author')) ?? getChildText(node, 'dc:creator') ?? context.feedAuthor,
    categories: readAtomCategories(node),
    published: getChildText(node, 'published') ?? getChildText(node, 'issued') ?? getChildText(node, 'created') ?? updated,
    updated,
    imageUrls: readImageUrls(node, links),
    baseUrl: resolveBase(getAttr(node, 'xml:base'), context.baseUrl),
  };
}

/** The href of the preferred rel=alternate link (HTML first); bare-text links count as a last resort. */
export function pickAtomLink(links: XmlNode[]): string | undefined {
  const alternates = links.filter((link) => isXmlElement(link) && getAttr(link, 'href')?.trim() && (getAttr(link, 'rel') ?? 'alternate').trim() === 'alternate');
  const html = alternates.find((link) => /^(text\/html|application\/xhtml\+xml)?$/i.test(getAttr(link, 'type')?.trim() ?? ''));
  const chosen = html ?? alternates[0];
  if (chosen !== undefined) return getAttr(chosen, 'href')?.trim();
  return links.map((link) => getTrimmedText(link)).find((text) => text !== undefined);
}

/** The name (else the email) of an Atom person construct. */
export function readAtomPerson(node: XmlNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  return getChildText(node, 'name') ?? getChildText(node, 'email') ?? getTrimmedText(node);
}

/**
 * An Atom text construct (title, summary, content) as HTML-ish text: type="xhtml" is serialized, type="html" is already
 * HTML, type="text" stays as written — except for content, where it is escaped so that the
 * sanitizer downstream reads it as text.
 */
export function readAtomText(node: XmlNode | undefined, isContent: boolean): string | undefined {
  if (node === undefined || getAttr(node, 'src') !== undefined) return undefined;
  const type = getAttr(node, 'type')?.trim().toLowerCase() || 'text';
  const mode = getAttr(node, 'mode')?.trim().toLowerCase();
  let value: string | undefined;
  if (type === 'xhtml') {
    // Atom 1.0: the wrapping <div> is not part of the content.
    value = getInnerXhtml(getChild(node, 'div') ?? getChild(node, 'xhtml:div') ?? node);
  } else if (type === 'application/xhtml+xml' || mode === 'xml') {
    value = getInnerXhtml(node);
  } else {
    value = mode === 'base64' || isBase64Type(type) ? decodeBase64(getMarkup(node) ?? '') : getMarkup(node);
    if (isContent && (type === 'text' || type === 'text/plain')) value = escapeHtml(value ?? '');
  }
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Atom 1.0: a content type that is neither text nor XML is base64-encoded. */
function isBase64Type(type: string): boolean {
  return !['text', 'html', 'xhtml'].includes(type) && !type.startsWith('text/') && !/[+/]xml$/.test(type);
}

/** Atom 0.3 mode="base64" or a binary type: the text is base64 of UTF-8 (NFC like every decoded text). */
function decodeBase64(text: string): string {
  return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8').normalize('NFC');
}

function readAtomCategories(node: XmlNode): string[] {
  // The label is the human-readable name (like an RSS category); the term is the fallback.
  const terms = getChildren(node, 'category').map(
    (category) => getAttr(category, 'label')?.trim() || getAttr(category, 'term')?.trim() || getTrimmedText(category),
  );
  return dedupe([...terms, ...readTexts(node, ['dc:subject'])]);
}

function readMarkup(node: XmlNode, name: string): string | undefined {
  for (const child of getChildren(node, name)) {
    const markup = getMarkup(child);
    if (markup !== undefined && markup.trim() !== '') return markup;
  }
  return undefined;
}

function readTexts(node: XmlNode, names: string[]): string[] {
  return dedupe(names.flatMap((name) => getChildren(node, name).map((child) => getTrimmedText(child))));
}

/** Image URLs from enclosures, Atom enclosure links, media:content (images only), media:thumbnail. */
function readImageUrls(node: XmlNode, atomLinks: XmlNode[]): string[] {
  const enclosures = [...getChildren(node, 'enclosure'), ...atomLinks.filter((link) => getAttr(link, 'rel')?.trim() === 'enclosure')];
  const enclosureUrls = enclosures
    .map((enclosure) => ({ url: getAttr(enclosure, 'url') ?? getAttr(enclosure, 'href'), type: getAttr(enclosure, 'type') }))
    .filter(({ url, type }) => isImage(url, type, undefined))
    .map(({ url }) => url);
  const groups = [node, ...getChildren(node, 'media:group')];
  const mediaUrls = groups.flatMap((group) => [
    ...getChildren(group, 'media:content')
      .filter((media) => isImage(getAttr(media, 'url'), getAttr(media, 'type'), getAttr(media, 'medium')))
      .map((media) => getAttr(media, 'url')),
    ...getChildren(group, 'media:thumbnail').map((thumbnail) => getAttr(thumbnail, 'url')),
  ]);
  return dedupe([...enclosureUrls, ...mediaUrls].map((url) => url?.trim()));
}

function isImage(url: string | undefined, type: string | undefined, medium: string | undefined): boolean {
  if (url === undefined || url.trim() === '') return false;
  if (medium !== undefined && medium.trim() !== '') return medium.trim().toLowerCase() === 'image';
  if (type !== undefined && type.trim() !== '') return /^image\//i.test(type.trim());
  return imageExtension.test(url.trim());
}

function isPermalinkGuid(attribute: string | undefined): boolean {
  // RSS 2.0: isPermaLink defaults to true when absent.
  return attribute === undefined || attribute.trim().toLowerCase() !== 'false';
}

function isHttpUrl(value: string | undefined): value is string {
  return value !== undefined && /^https?:\/\/\S+$/i.test(value);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function dedupe(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined && value !== ''))];
}
