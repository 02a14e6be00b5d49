// The collect step for `type: html` sources: listing → new article links → articles → items.
import pLimit from 'p-limit';
import { BantinError } from '../../errors.js';
import { clampPublishedAt, parseItemDate } from '../dates.js';
import { decodeBody } from '../decode.js';
import { MAX_TITLE_CHARS } from '../normalize.js';
import type { CollectContext, CollectResult, FetchState, NormalizedItem } from '../types.js';
import type { ExtractedArticle } from './extract-article.js';
import { createExpiringSet } from './expiring-set.js';
import { fetchArticle } from './fetch-article.js';
import type { ArticleFetchDeps, ArticleOutcome } from './fetch-article.js';
import { readHtmlSettings } from './html-settings.js';
import { extractListingLinks } from './listing.js';
import type { ListingLink } from './listing.js';
import { createRobotsPolicy } from './robots.js';
import { parseVisibleDate } from './vn-dates.js';

/** Newest links first on a listing; the rest wait for the next poll rather than burst one site. */
export const MAX_ARTICLES_PER_POLL = 30;
/** Articles fetched at once per source (the fetcher's per-host limit applies on top). */
const ARTICLE_CONCURRENCY = 2;
/** Below this many failures, one odd page is not taken for layout drift. */
const MIN_FAILURES_FOR_DRIFT = 2;

// Links that turned out not to be articles, remembered per process for a day.
const rejectedUrls = createExpiringSet(24 * 60 * 60 * 1000, 10_000);

type Counts = Record<string, number>;

/** Polls an HTML source: reads its listing, fetches each new same-site article once, returns clean items. */
export async function collectHtmlSourceItems(ctx: CollectContext): Promise<CollectResult> {
  const { source, fetcher } = ctx;
  const { selectors, allowPrivateNetwork } = readHtmlSettings(source);
  const robots = createRobotsPolicy(fetcher, { allowPrivateNetwork, now: ctx.now });
  if (!(await robots.isAllowed(source.url))) {
    throw new BantinError('fetch', 'robots-disallowed', `robots.txt disallows ${source.url}`, { context: { url: source.url } });
  }
  const response = await fetcher.fetch({ url: source.url, etag: source.etag, lastModified: source.lastModified, allowPrivateNetwork });
  const fetchState: FetchState = { etag: response.etag, lastModified: response.lastModified, finalUrl: response.finalUrl, headers: response.headers, redirects: response.redirects };
  if (response.kind === 'not-modified') {
    return { kind: 'not-modified', fetchState: { ...fetchState, etag: response.etag ?? source.etag, lastModified: response.lastModified ?? source.lastModified } };
  }
  const { text } = decodeBody(response.body, response.contentType, { html: true });
  const links = extractListingLinks(text, response.finalUrl, selectors);
  const skipped: Counts = {};
  const pending = await selectNewLinks(ctx, links, skipped);
  const deps: ArticleFetchDeps = { fetcher, robots, siteUrl: source.url, allowPrivateNetwork, timezone: source.timezone, selectors };
  const limit = pLimit(ARTICLE_CONCURRENCY);
  const outcomes = await Promise.all(pending.map((link) => limit(() => fetchArticle(link.url, deps))));
  assertNoDrift(outcomes, response.finalUrl);
  const items = buildItems(ctx, pending, outcomes, skipped);
  return { kind: 'items', items, fetchState: forgetValidatorsIfWorkLeft(fetchState, skipped), skipped };
}

/**
 * Deferred articles and failed fetches are only found again by re-reading the listing; keeping its validators
 * would turn the next poll into a 304 and leave them out until the listing changes.
 */
function forgetValidatorsIfWorkLeft(fetchState: FetchState, skipped: Counts): FetchState {
  const isWorkLeft = (skipped.deferred ?? 0) + (skipped['fetch-failed'] ?? 0) > 0;
  return isWorkLeft ? { ...fetchState, etag: null, lastModified: null } : fetchState;
}

async function selectNewLinks(ctx: CollectContext, links: ListingLink[], skipped: Counts): Promise<ListingLink[]> {
  const known = await ctx.findKnownUrls(links.map((link) => link.url));
  const fresh: ListingLink[] = [];
  for (const link of links) {
    if (known.has(link.url)) count(skipped, 'known');
    else if (rejectedUrls.has(link.url, ctx.now)) count(skipped, 'rejected-before');
    else fresh.push(link);
  }
  if (fresh.length > MAX_ARTICLES_PER_POLL) skipped.deferred = fresh.length - MAX_ARTICLES_PER_POLL;
  return fresh.slice(0, MAX_ARTICLES_PER_POLL);
}

/** Most articles failing means the site changed, not that it published junk: no items from such a poll. */
function assertNoDrift(outcomes: ArticleOutcome[], listingUrl: string): void {
  const rejected = outcomes.filter((o) => o.kind === 'rejected');
  const extracted = outcomes.filter((o) => o.kind === 'extracted').length;
  const attempted = rejected.length + extracted;
  if (rejected.length >= MIN_FAILURES_FOR_DRIFT && rejected.length * 2 > attempted) {
    const reasons = [...new Set(rejected.map((o) => o.reason))].join(', ');
    throw new BantinError('extract', 'extraction-failed', `extraction failed on ${rejected.length} of ${attempted} articles from ${listingUrl} (${reasons})`, {
      context: { url: listingUrl, rejected: rejected.length, attempted },
    });
  }
  const failedFetches = outcomes.filter((o) => o.kind === 'fetch-failed');
  const firstFailure = failedFetches[0];
  if (firstFailure !== undefined && failedFetches.length >= MIN_FAILURES_FOR_DRIFT && failedFetches.length * 2 > failedFetches.length + attempted) {
    throw firstFailure.error;
  }
}

function buildItems(ctx: CollectContext, links: ListingLink[], outcomes: ArticleOutcome[], skipped: Counts): NormalizedItem[] {
  const items: NormalizedItem[] = [];
  outcomes.forEach((outcome, index) => {
    const link = links[index];
    if (link === undefined) return;
    if (outcome.kind === 'extracted') items.push(buildNormalizedItem(link, outcome.article, ctx));
    else if (outcome.kind === 'fetch-failed') count(skipped, 'fetch-failed');
    else {
      count(skipped, outcome.reason);
      if (outcome.kind === 'rejected') rejectedUrls.add(link.url, ctx.now);
    }
  });
  return items;
}

function buildNormalizedItem(link: ListingLink, article: ExtractedArticle, ctx: CollectContext): NormalizedItem {
  const timezone = ctx.source.timezone;
  const listed = link.dateText === null ? null : (parseVisibleDate(link.dateText, timezone) ?? parseItemDate(link.dateText, timezone));
  const published = article.publishedAt ?? listed;
  return {
    guid: null,
    url: link.url,
    title: article.title.slice(0, MAX_TITLE_CHARS),
    summary: article.summary,
    contentHtml: article.contentHtml,
    author: article.author,
    imageUrl: article.imageUrl,
    categories: [],
    publishedAt: published === null ? new Date(ctx.now.getTime()) : clampPublishedAt(published, ctx.now),
    dateMissing: published === null,
  };
}

function count(counts: Counts, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
