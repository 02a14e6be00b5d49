// Feed documents (RSS 2.0, Atom 1.0, JSON Feed 1.1) from plain entry values, so items and stories share one builder.
import type { FeedEntry, FeedMeta } from './feed-entry.js';
import { composeContentHtml, formatByline } from './feed-entry.js';
import { buildAtomFeed, buildRssFeed } from './feed-xml.js';
import { stripInvalidXmlChars } from './xml-writer.js';

export type { FeedEntry, FeedMeta } from './feed-entry.js';

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** Content-Type of each format, charset included. */
export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** Builds the document for a format. */
export function buildFeed(format: FeedFormat, meta: FeedMeta, entries: readonly FeedEntry[]): string {
  if (format === 'rss') return buildRssFeed(meta, entries);
  if (format === 'atom') return buildAtomFeed(meta, entries);
  return buildJsonFeed(meta, entries);
}

/** True when the value names a feed format. */
export function isFeedFormat(value: string): value is FeedFormat {
  return (FEED_FORMATS as readonly string[]).includes(value);
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), with the outlet under the `_bantin` extension. */
export function buildJsonFeed(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: meta.title,
    home_page_url: meta.homeUrl,
    feed_url: meta.selfUrl,
    description: meta.description,
    language: meta.language,
    ...(meta.nextUrl ? { next_url: meta.nextUrl } : {}),
    items: entries.map(toJsonItem),
  };
  // Control characters are legal in JSON but not in the XML formats; strip them so every format carries the same text.
  return `${JSON.stringify(document, (_key, value: unknown) => (typeof value === 'string' ? stripInvalidXmlChars(value) : value), 2)}\n`;
}

function toJsonItem(entry: FeedEntry): Record<string, unknown> {
  const contentHtml = composeContentHtml(entry);
  return {
    id: entry.id,
    ...(entry.link ? { url: entry.link } : {}),
    title: entry.title,
    ...(entry.summary ? { summary: entry.summary } : {}),
    ...(contentHtml ? { content_html: contentHtml } : { content_text: entry.summary }),
    ...(entry.imageUrl ? { image: entry.imageUrl } : {}),
    date_published: entry.published.toISOString(),
    date_modified: entry.updated.toISOString(),
    authors: [{ name: formatByline(entry), ...(entry.sourceSiteUrl ? { url: entry.sourceSiteUrl } : {}) }],
    ...(entry.categories.length > 0 ? { tags: entry.categories } : {}),
    _bantin: {
      source: { name: entry.sourceName, feed_url: entry.sourceUrl, home_page_url: entry.sourceSiteUrl ?? null },
    },
  };
}
