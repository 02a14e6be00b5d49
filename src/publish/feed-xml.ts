// RSS 2.0 and Atom 1.0 documents. Text is escaped, never wrapped in CDATA (see xml-writer.ts for why).
import type { FeedEntry, FeedMeta } from './feed-entry.js';
import { composeContentHtml, formatByline, formatSummaryHtml } from './feed-entry.js';
import { el, renderXmlDocument, type XmlElement } from './xml-writer.js';

const GENERATOR = 'bantin';
const NAMESPACES = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
};

/** RSS 2.0: plain-text title, HTML description (the escaped summary), full HTML in content:encoded. */
export function buildRssFeed(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const channel = el(
    'channel',
    {},
    el('title', {}, meta.title),
    el('link', {}, meta.homeUrl),
    el('description', {}, meta.description),
    el('language', {}, meta.language),
    el('lastBuildDate', {}, meta.updated.toUTCString()),
    el('generator', {}, GENERATOR),
    el('atom:link', { href: meta.selfUrl, rel: 'self', type: 'application/rss+xml' }),
    meta.nextUrl ? el('atom:link', { href: meta.nextUrl, rel: 'next', type: 'application/rss+xml' }) : null,
    entries.map(toRssItem),
  );
  const root = el(
    'rss',
    { version: '2.0', 'xmlns:atom': NAMESPACES.atom, 'xmlns:content': NAMESPACES.content, 'xmlns:dc': NAMESPACES.dc, 'xmlns:media': NAMESPACES.media },
    channel,
  );
  return renderXmlDocument(root);
}

function toRssItem(entry: FeedEntry): XmlElement {
  const contentHtml = composeContentHtml(entry);
  return el(
    'item',
    {},
    el('title', {}, entry.title),
    entry.link ? el('link', {}, entry.link) : null,
    el('guid', { isPermaLink: 'false' }, entry.id),
    el('pubDate', {}, entry.published.toUTCString()),
    entry.summary ? el('description', {}, formatSummaryHtml(entry)) : null,
    contentHtml ? el('content:encoded', {}, contentHtml) : null,
    // RSS <author> must be an email address; dc:creator is what readers show for a name.
    el('dc:creator', {}, formatByline(entry)),
    entry.categories.map((category) => el('category', {}, category)),
    entry.imageUrl ? el('media:content', { url: entry.imageUrl, medium: 'image' }) : null,
    entry.sourceUrl ? el('source', { url: entry.sourceUrl }, entry.sourceName) : null,
  );
}

/** Atom 1.0: text title and summary, HTML content, the outlet in `<source>`. */
export function buildAtomFeed(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const root = el(
    'feed',
    { xmlns: NAMESPACES.atom, 'xmlns:media': NAMESPACES.media, 'xml:lang': meta.language },
    el('id', {}, meta.id),
    el('title', { type: 'text' }, meta.title),
    el('subtitle', { type: 'text' }, meta.description),
    el('updated', {}, meta.updated.toISOString()),
    el('link', { rel: 'self', type: 'application/atom+xml', href: meta.selfUrl }),
    el('link', { rel: 'alternate', type: 'text/html', href: meta.homeUrl }),
    meta.nextUrl ? el('link', { rel: 'next', type: 'application/atom+xml', href: meta.nextUrl }) : null,
    el('author', {}, el('name', {}, GENERATOR), el('uri', {}, meta.homeUrl)),
    el('generator', {}, GENERATOR),
    entries.map(toAtomEntry),
  );
  return renderXmlDocument(root);
}

function toAtomEntry(entry: FeedEntry): XmlElement {
  const contentHtml = composeContentHtml(entry);
  return el(
    'entry',
    {},
    el('id', {}, entry.id),
    el('title', { type: 'text' }, entry.title),
    entry.link ? el('link', { rel: 'alternate', type: 'text/html', href: entry.link }) : null,
    el('published', {}, entry.published.toISOString()),
    el('updated', {}, entry.updated.toISOString()),
    el('author', {}, el('name', {}, formatByline(entry))),
    entry.summary ? el('summary', { type: 'text' }, entry.summary) : null,
    // Atom needs content or an alternate link; without either the summary stands in as text content.
    contentHtml ? el('content', { type: 'html' }, contentHtml) : entry.link ? null : el('content', { type: 'text' }, entry.summary),
    entry.categories.map((category) => el('category', { term: category })),
    entry.imageUrl ? el('media:content', { url: entry.imageUrl, medium: 'image' }) : null,
    toAtomSource(entry),
  );
}

function toAtomSource(entry: FeedEntry): XmlElement {
  return el(
    'source',
    {},
    entry.sourceUrl ? el('id', {}, entry.sourceUrl) : null,
    el('title', {}, entry.sourceName),
    entry.sourceUrl ? el('link', { rel: 'self', href: entry.sourceUrl }) : null,
    entry.sourceSiteUrl ? el('link', { rel: 'alternate', type: 'text/html', href: entry.sourceSiteUrl }) : null,
  );
}
