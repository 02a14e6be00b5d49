// `bantin sources discover`: the feeds a page announces, or a starting HTML-source entry when it announces none.
import { stringify } from 'yaml';
import { foldText } from '../../text/fold.js';
import { canonicalizeUrl } from '../urls.js';
import { parseHtmlDocument, readBaseUrl, readMeta, readText } from './dom.js';
import { getRegistrableDomain, isPrivateAddressLiteral, isSameSite } from './same-site.js';

export type FeedFormat = 'rss' | 'atom' | 'json';

export interface DiscoveredFeed {
  url: string;
  format: FeedFormat;
  title: string | null;
}

export interface PageDiscovery {
  pageUrl: string;
  /** The page's own title, site name stripped when the page says what it is. */
  title: string | null;
  feeds: DiscoveredFeed[];
  /** A guess at the selector of the page's article links (for an HTML source), or null. */
  linksSelector: string | null;
}

/** A config entry as `bantin.yaml` spells it. */
export type SourceEntry = Record<string, unknown>;

const FEED_TYPES: Record<string, FeedFormat> = {
  'application/rss+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/feed+json': 'json',
  'application/json': 'json',
};
/** A headline is longer than a menu label. */
const MIN_HEADLINE_CHARS = 20;
const MIN_GROUP_SIZE = 3;
const GENERIC_SEGMENTS = new Set(['rss', 'feed', 'feeds', 'atom', 'index', 'home', 'trang-chu']);
const MAX_KEY_CHARS = 60;

/** Reads the feeds announced by `<link rel="alternate">` and guesses a links selector. */
export function discoverPage(html: string, pageUrl: string): PageDiscovery {
  const document = parseHtmlDocument(html);
  const base = readBaseUrl(document, pageUrl);
  const feeds = new Map<string, DiscoveredFeed>();
  for (const link of Array.from(document.querySelectorAll('link[rel][type][href]'))) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const format = FEED_TYPES[(link.getAttribute('type') ?? '').toLowerCase().split(';')[0]!.trim()];
    const url = canonicalizeUrl(link.getAttribute('href') ?? '', base);
    if (!rel.includes('alternate') || format === undefined || url === null || feeds.has(url)) continue;
    feeds.set(url, { url, format, title: toNullIfEmpty(link.getAttribute('title') ?? '') });
  }
  const title = readMeta(document, ['og:title']) ?? toNullIfEmpty(readText(document.querySelector('title')));
  return { pageUrl, title, feeds: [...feeds.values()], linksSelector: guessLinksSelector(document, base) };
}

/**
 * The most common `parent > a` shape among same-site headline links, e.g. `h3.story-title > a`.
 * Listing pages repeat one card markup per article, so the biggest group of look-alike links is the list.
 */
export function guessLinksSelector(document: Document, pageUrl: string): string | null {
  const groups = new Map<string, number>();
  for (const anchor of Array.from(document.querySelectorAll('a[href]'))) {
    const url = canonicalizeUrl(anchor.getAttribute('href') ?? '', pageUrl);
    const parent = anchor.parentElement;
    if (url === null || parent === null || !isSameSite(url, pageUrl) || readText(anchor).length < MIN_HEADLINE_CHARS) continue;
    if (anchor.closest('nav, header, footer') !== null) continue;
    const shape = `${describeElement(parent)} > a`;
    groups.set(shape, (groups.get(shape) ?? 0) + 1);
  }
  const [best] = [...groups.entries()].sort((a, b) => b[1] - a[1]);
  return best !== undefined && best[1] >= MIN_GROUP_SIZE ? best[0] : null;
}

function describeElement(element: Element): string {
  const tag = element.tagName.toLowerCase();
  const firstClass = (element.getAttribute('class') ?? '').split(/\s+/).find((name) => /^[a-zA-Z_][\w-]*$/.test(name));
  return firstClass === undefined ? tag : `${tag}.${firstClass}`;
}

/** Config entries for a page: one feed source per announced feed, else one HTML source. */
export function buildSourceEntries(discovery: PageDiscovery): SourceEntry[] {
  if (discovery.feeds.length > 0) {
    return discovery.feeds.map((feed) => buildEntry(feed.url, feed.title ?? discovery.title, {}));
  }
  return [buildEntry(discovery.pageUrl, discovery.title, { type: 'html', selectors: { links: discovery.linksSelector ?? 'article a[href], h2 a[href], h3 a[href]' } })];
}

function buildEntry(url: string, title: string | null, extra: SourceEntry): SourceEntry {
  const host = new URL(url).hostname;
  const entry: SourceEntry = {
    key: deriveSourceKey(url),
    name: title ?? host,
    url,
    kind: host.endsWith('.gov.vn') ? 'government' : 'press',
    ...extra,
  };
  if (isPrivateAddressLiteral(url)) entry.allowPrivateNetwork = true;
  return entry;
}

/** A source key from host and path: `https://vnexpress.net/rss/thoi-su.rss` → `vnexpress-thoi-su`. */
export function deriveSourceKey(url: string): string {
  const parsed = new URL(url);
  const domain = getRegistrableDomain(parsed.hostname);
  const siteLabel = /^[\d.:]+$/.test(domain) ? domain.replace(/[.:]/g, '-') : (domain.split('.')[0] ?? domain);
  const segments = parsed.pathname
    .split('/')
    .map((segment) => decodeSegment(segment).replace(/\.[a-z0-9]{1,5}$/i, ''))
    .filter((segment) => segment !== '' && !GENERIC_SEGMENTS.has(segment.toLowerCase()));
  const slug = foldText([siteLabel, ...segments].join('-'))
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, MAX_KEY_CHARS).replace(/-+$/, '') || 'source';
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The entries as a YAML list ready to paste under `sources:`. */
export function formatSourceEntries(entries: SourceEntry[]): string {
  return stringify(entries, { lineWidth: 0 });
}

function toNullIfEmpty(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed.normalize('NFC');
}
