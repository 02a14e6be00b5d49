// The plain values a feed is built from, and the small rules every format shares.
import { escapeHtml } from './xml-writer.js';

/** One entry of a feed: an item today, a story later. Text fields are plain text; `contentHtml` is already sanitized. */
export interface FeedEntry {
  /** Stable id such as `urn:bantin:item:42`. */
  id: string;
  title: string;
  link: string | null;
  /** Plain-text summary. */
  summary: string;
  /** Sanitized HTML, written as is. */
  contentHtml: string;
  published: Date;
  updated: Date;
  author: string | null;
  sourceName: string;
  /** The source's feed URL (RSS `<source url>`). */
  sourceUrl: string | null;
  /** The source's home page, when known. */
  sourceSiteUrl?: string | null;
  categories: string[];
  /** Trusted HTML appended to the content (e.g. "Also reported by …" on stories). */
  extraHtml?: string;
  imageUrl?: string | null;
}

/** Feed-level values. */
export interface FeedMeta {
  /** Stable feed id such as `urn:bantin:feed:all`. */
  id: string;
  title: string;
  description: string;
  /** The web page the feed belongs to. */
  homeUrl: string;
  /** This document's own URL. */
  selfUrl: string;
  /** URL of the next (older) page, when there is one. */
  nextUrl?: string | null;
  /** Newest entry's update time. */
  updated: Date;
  language: string;
}

/** The newest `updated` among the entries, or null for an empty feed. */
export function findNewestUpdate(entries: readonly FeedEntry[]): Date | null {
  let newest: Date | null = null;
  for (const entry of entries) if (!newest || entry.updated > newest) newest = entry.updated;
  return newest;
}

/** Who an entry is by, as readers show it: the author with the outlet, or the outlet alone. */
export function formatByline(entry: FeedEntry): string {
  return entry.author ? `${entry.author} (${entry.sourceName})` : entry.sourceName;
}

/** The entry's content HTML with its extra HTML appended; null when both are empty. */
export function composeContentHtml(entry: FeedEntry): string | null {
  const parts = [entry.contentHtml, entry.extraHtml ?? ''].filter((part) => part.trim() !== '');
  return parts.length > 0 ? parts.join('\n') : null;
}

/** The summary as HTML, for formats whose description field is HTML. */
export function formatSummaryHtml(entry: FeedEntry): string {
  return escapeHtml(entry.summary);
}
