// The collect step for feed sources: fetch → decode → parse → normalize.
import { decodeBody } from './decode.js';
import { normalizeItem } from './normalize.js';
import { parseFeed } from './parse.js';
import type { CollectContext, CollectResult, FetchState } from './types.js';

/** Fetches a feed source (conditionally) and returns its items normalized, or `not-modified`. */
export async function collectFeedItems(ctx: CollectContext): Promise<CollectResult> {
  const { source, fetcher, now } = ctx;
  const response = await fetcher.fetch({ url: source.url, etag: source.etag, lastModified: source.lastModified });
  const fetchState: FetchState = {
    etag: response.etag,
    lastModified: response.lastModified,
    finalUrl: response.finalUrl,
    headers: response.headers,
    redirects: response.redirects,
  };
  if (response.kind === 'not-modified') {
    // A 304 may omit validators; keep the ones we sent so the next poll stays conditional.
    return { kind: 'not-modified', fetchState: { ...fetchState, etag: response.etag ?? source.etag, lastModified: response.lastModified ?? source.lastModified } };
  }
  const { text } = decodeBody(response.body, response.contentType);
  const feed = await parseFeed(text);
  const context = { feedUrl: response.finalUrl, timezone: source.timezone, fetchedAt: now };
  const items = feed.items.map((raw) => normalizeItem(raw, context));
  return {
    kind: 'items',
    items,
    fetchState: { ...fetchState, feedTitle: feed.title, siteUrl: feed.link, ttlMinutes: feed.ttlMinutes },
  };
}
