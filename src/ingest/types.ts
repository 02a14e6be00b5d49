// The plain values that flow between ingest stages: fetch → decode → parse → normalize → identify.

/** What the fetcher is asked to get. Conditional headers come from the source's last poll. */
export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  /** Refuse loopback/private addresses unless true (HTML sources opt in for tests). Feeds default to true. */
  allowPrivateNetwork?: boolean;
}

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

/** The answer to a fetch: either new bytes or a 304. Errors are thrown as BantinError (stage 'fetch'). */
export type FetchResult =
  | {
      kind: 'ok';
      status: number;
      /** URL after redirects. */
      finalUrl: string;
      /** Each hop of the redirect chain with its status, in order (empty when none). */
      redirects: { url: string; status: number }[];
      headers: Record<string, string>;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      body: Uint8Array;
    }
  | {
      kind: 'not-modified';
      status: 304;
      finalUrl: string;
      redirects: { url: string; status: number }[];
      headers: Record<string, string>;
      etag: string | null;
      lastModified: string | null;
    };

export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResult>;
}

/** An item as the feed wrote it, before cleaning. All strings are NFC. */
export interface RawItem {
  guid?: string;
  /** Whether the RSS guid claims to be a permalink (isPermaLink). */
  guidIsPermalink?: boolean;
  link?: string;
  title?: string;
  /** Full content HTML (content:encoded, atom content, content_html). */
  contentHtml?: string;
  /** Summary/description HTML or text (description, atom summary, summary). */
  summaryHtml?: string;
  author?: string;
  categories: string[];
  /** Date as written (pubDate, dc:date, published, updated, date_published). */
  published?: string;
  updated?: string;
  /** Enclosure or media:content/media:thumbnail URLs that are images. */
  imageUrls: string[];
  /** xml:base or other base URL in force for this item, if any. */
  baseUrl?: string;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title?: string;
  /** The site's home link. */
  link?: string;
  /** <ttl> in minutes, when given. */
  ttlMinutes?: number;
  items: RawItem[];
}

/** A cleaned item ready to be identified and stored. */
export interface NormalizedItem {
  guid: string | null;
  /** Canonical absolute URL, or null. */
  url: string | null;
  /** Plain-text title, NFC, never longer than 1000 chars; may be '' when the feed gave none. */
  title: string;
  /** Plain-text summary of at most ~400 characters cut at a word. */
  summary: string;
  /** Sanitized HTML with absolute links and images; '' when none. */
  contentHtml: string;
  author: string | null;
  imageUrl: string | null;
  categories: string[];
  publishedAt: Date;
  /** True when the feed gave no usable date and publishedAt is the fetch time. */
  dateMissing: boolean;
}

/** The per-source context normalization needs. */
export interface NormalizeContext {
  /** Base for resolving relative links: the item's xml:base, else the feed's final URL. */
  feedUrl: string;
  timezone: string;
  fetchedAt: Date;
}

/** A source as the pipeline sees it (mapped from a `sources` row). */
export interface Source {
  id: number;
  key: string;
  name: string;
  /** URL polled now (the config URL, or where a confirmed permanent redirect moved it). */
  url: string;
  kind: 'government' | 'press';
  type: 'feed' | 'html';
  topics: string[];
  timezone: string;
  intervalMs: number;
  enabled: boolean;
  etag: string | null;
  lastModified: string | null;
  /** Failed polls in a row before this one (0 after a success). */
  errorStreak?: number;
  /** The source's config entry (selectors, fullText, allowPrivateNetwork, ...). */
  settings: Record<string, unknown>;
}

/** What a source's poll learned about the remote document, stored on the source after a success. */
export interface FetchState {
  etag: string | null;
  lastModified: string | null;
  finalUrl: string;
  feedTitle?: string;
  siteUrl?: string;
  ttlMinutes?: number;
  headers?: Record<string, string>;
  redirects?: { url: string; status: number }[];
}

/**
 * The result of the collect step of a poll: the items a source offers now, normalized.
 * Feed sources collect by fetch → decode → parse → normalize; HTML sources by listing → articles → extract.
 */
export type CollectResult =
  | { kind: 'not-modified'; fetchState: FetchState }
  | {
      kind: 'items';
      items: NormalizedItem[];
      fetchState: FetchState;
      /** Links or articles an HTML source passed over, by reason (`known`, `off-site`, `robots`, `no-body`, …). */
      skipped?: Record<string, number>;
    };

export interface CollectContext {
  source: Source;
  fetcher: Fetcher;
  now: Date;
  /** Which of these canonical URLs the source already has stored (one query), so articles are not fetched twice. */
  findKnownUrls(urls: string[]): Promise<Set<string>>;
}

/** An item after it was written by a poll: its row id and whether it was new or updated in place. */
export interface StoredItem {
  id: number;
  sourceId: number;
  change: 'new' | 'updated';
  item: NormalizedItem;
}
