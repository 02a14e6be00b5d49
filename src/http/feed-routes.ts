// /feeds/all.{rss,atom,json}, /feeds/sources/{key}.{rss,atom,json} and /opml.
import type { Context, Hono } from 'hono';
import { findFeedSource, hasSourceItems, listFeedItems, listOpmlSources, type FeedItem } from '../db/feed-queries.repo.js';
import { buildFeed, FEED_CONTENT_TYPES, isFeedFormat, type FeedEntry, type FeedFormat, type FeedMeta } from '../publish/feed-builder.js';
import { findNewestUpdate } from '../publish/feed-entry.js';
import { DEFAULT_FEED_LIMIT, formatCursor, parseFeedPaging, type FeedPaging } from '../publish/feed-paging.js';
import { buildOpml } from '../publish/opml.js';
import { computeEtag, formatHttpDate, isNotModified } from './conditional.js';
import type { HttpDeps } from './server.js';

const CACHE_CONTROL = 'public, max-age=300';
const OPML_CONTENT_TYPE = 'text/x-opml; charset=utf-8';
const FEED_LANGUAGE = 'vi';

/** A feed request whose name, format and paging have been read from the URL. */
export type FeedRequest = { name: string; format: FeedFormat; paging: FeedPaging };

/** Registers the item feeds and the OPML list. */
export function registerFeedRoutes(app: Hono, deps: HttpDeps): void {
  app.get('/feeds/sources/:file', async (c) => {
    const request = readFeedRequest(c);
    if (request instanceof Response) return request;
    return serveSourceFeed(c, deps, request);
  });
  app.get('/feeds/:file', async (c) => {
    const request = readFeedRequest(c);
    if (request instanceof Response) return request;
    return serveAllFeed(c, deps, request);
  });
  app.get('/opml', async (c) => {
    const { sources, updatedAt } = await listOpmlSources(deps.db);
    return sendCacheable(c, buildOpml('bantin — nguồn tin', sources), OPML_CONTENT_TYPE, updatedAt);
  });
}

/** Reads `{name}.{format}` and the paging query; answers 404/400 itself when they are wrong. */
export function readFeedRequest(c: Context): FeedRequest | Response {
  const file = c.req.param('file') ?? '';
  const dot = file.lastIndexOf('.');
  const name = dot < 0 ? file : file.slice(0, dot);
  const format = dot < 0 ? '' : file.slice(dot + 1);
  if (!isFeedFormat(format)) return c.text(`unknown feed format "${format}"; use rss, atom or json`, 404);
  const paging = parseFeedPaging({ limit: c.req.query('limit'), before: c.req.query('before') });
  if (!paging.ok) return c.text(paging.message, 400);
  return { name, format, paging: paging.paging };
}

/** Answers with a feed document, its validators and a 304 when the client's copy is current. */
export function sendFeed(c: Context, format: FeedFormat, meta: FeedMeta, entries: readonly FeedEntry[]): Response {
  return sendCacheable(c, buildFeed(format, meta, entries), FEED_CONTENT_TYPES[format], findNewestUpdate(entries));
}

/** Answers 200 with ETag/Last-Modified/Cache-Control, or 304 without a body when a validator matches. */
export function sendCacheable(c: Context, body: string, contentType: string, lastModified: Date | null): Response {
  const etag = computeEtag(body);
  // Feeds are public and carry no credentials, so browser-based readers may fetch them from any origin.
  const headers: Record<string, string> = { ETag: etag, 'Cache-Control': CACHE_CONTROL, 'Access-Control-Allow-Origin': '*' };
  if (lastModified) headers['Last-Modified'] = formatHttpDate(lastModified);
  const conditional = { ifNoneMatch: c.req.header('if-none-match') ?? null, ifModifiedSince: c.req.header('if-modified-since') ?? null };
  if (isNotModified(conditional, { etag, lastModified })) return c.body(null, 304, headers);
  return c.body(body, 200, { ...headers, 'Content-Type': contentType });
}

async function serveAllFeed(c: Context, deps: HttpDeps, request: FeedRequest): Promise<Response> {
  // Only "all" lives at this level; one source's feed is under /feeds/sources/.
  if (request.name !== 'all') return c.text(`unknown feed "${request.name}"`, 404);
  const items = await listFeedItems(deps.db, { limit: request.paging.limit, before: request.paging.cursor });
  const entries = items.map(toItemEntry);
  const meta = describeFeed(deps.settings.publicUrl, request, entries, findNextCursor(items, request.paging), {
    id: 'urn:bantin:feed:all',
    path: '/feeds/all',
    title: 'bantin — tất cả',
    description: 'Tin mới nhất từ mọi nguồn',
    homeUrl: `${deps.settings.publicUrl}/`,
  });
  return sendFeed(c, request.format, meta, entries);
}

async function serveSourceFeed(c: Context, deps: HttpDeps, request: FeedRequest): Promise<Response> {
  const source = await findFeedSource(deps.db, request.name);
  // A disabled source keeps serving what it stored; one that never stored anything is as good as unknown.
  if (!source || (!source.enabled && !(await hasSourceItems(deps.db, source.id)))) {
    return c.text(`unknown source "${request.name}"`, 404);
  }
  const items = await listFeedItems(deps.db, { sourceId: source.id, limit: request.paging.limit, before: request.paging.cursor });
  const entries = items.map(toItemEntry);
  const meta = describeFeed(deps.settings.publicUrl, request, entries, findNextCursor(items, request.paging), {
    id: `urn:bantin:feed:source:${source.key}`,
    path: `/feeds/sources/${source.key}`,
    title: source.name,
    description: `Tin mới nhất từ ${source.name}`,
    homeUrl: source.siteUrl ?? `${deps.settings.publicUrl}/`,
  });
  return sendFeed(c, request.format, meta, entries);
}

/** What names a feed, apart from its entries. */
export interface FeedDescription {
  /** Stable feed id such as `urn:bantin:feed:all`. */
  id: string;
  /** Path without the format extension, e.g. `/feeds/all`. */
  path: string;
  title: string;
  description: string;
  homeUrl: string;
}

/** Feed-level values for one page of entries; `nextCursor` (see feed-paging.ts) links the older page. */
export function describeFeed(
  publicUrl: string,
  request: FeedRequest,
  entries: readonly FeedEntry[],
  nextCursor: string | null,
  feed: FeedDescription,
): FeedMeta {
  const selfUrl = `${publicUrl}${feed.path}.${request.format}`;
  // The cursor's characters (digits, `-:.TZ~`) are all legal in a query, so it is written unencoded and stays readable.
  const limitPart = request.paging.limit === DEFAULT_FEED_LIMIT ? '' : `limit=${request.paging.limit}&`;
  return {
    id: feed.id,
    title: feed.title,
    description: feed.description,
    homeUrl: feed.homeUrl,
    selfUrl,
    nextUrl: nextCursor ? `${selfUrl}?${limitPart}before=${nextCursor}` : null,
    // An empty feed gets a fixed date so its body, and so its ETag, stays the same between requests.
    updated: findNewestUpdate(entries) ?? new Date(0),
    language: FEED_LANGUAGE,
  };
}

/** The cursor after the last item when the page is full (a shorter page is the last one). */
function findNextCursor(items: readonly FeedItem[], paging: FeedPaging): string | null {
  const last = items.at(-1);
  return last && items.length === paging.limit ? formatCursor(last.publishedAt, last.id) : null;
}

/** Maps a stored item to a feed entry; the id uses the database key, which survives restarts. */
function toItemEntry(item: FeedItem): FeedEntry {
  return {
    id: `urn:bantin:item:${item.id}`,
    title: item.title,
    link: item.url,
    summary: item.summary,
    contentHtml: item.contentHtml,
    published: item.publishedAt,
    updated: item.updatedAt,
    author: item.author,
    sourceName: item.source.name,
    sourceUrl: item.source.url,
    sourceSiteUrl: item.source.siteUrl,
    categories: item.categories,
    imageUrl: item.imageUrl,
  };
}
