// Normalize: one RawItem as the feed wrote it → one clean NormalizedItem. Pure; the sanitizer runs last on content.
import type { NormalizeContext, NormalizedItem, RawItem } from './types.js';
import { clampPublishedAt, parseItemDate } from './dates.js';
import { collapseWhitespace, refinePlainText, sanitizedHtmlToPlainText, toPlainText, truncateAtWord } from './plain-text.js';
import { findFirstImageSrc, sanitizeContentHtml, unescapeEscapedHtml } from './sanitize.js';
import { canonicalizeUrl, isAbsoluteHttpUrl, parseHttpUrl, resolveMediaUrl } from './urls.js';

export const MAX_TITLE_CHARS = 1000;
export const MAX_SUMMARY_CHARS = 400;
const MAX_AUTHOR_CHARS = 200;
const MAX_CATEGORY_CHARS = 200;
const MAX_GUID_CHARS = 2048;

/** Cleans one feed item: plain-text title and summary, canonical link, UTC date, sanitized content, lead image. */
export function normalizeItem(raw: RawItem, ctx: NormalizeContext): NormalizedItem {
  const base = resolveItemBase(raw, ctx);
  const guid = normalizeGuid(raw.guid);
  const contentSource = firstNonBlank(raw.contentHtml, raw.summaryHtml);
  const contentHtml = sanitizeContentHtml(unescapeEscapedHtml(contentSource ?? ''), base);
  return {
    guid,
    url: resolveItemUrl(raw, guid, base),
    title: truncateAtWord(toPlainText(raw.title ?? ''), MAX_TITLE_CHARS),
    summary: buildSummary(raw, contentSource, contentHtml),
    contentHtml,
    author: normalizeAuthor(raw.author),
    imageUrl: pickImageUrl(raw.imageUrls, contentHtml, base),
    categories: normalizeCategories(raw.categories),
    ...resolvePublishedAt(raw, ctx),
  };
}

/** The item's date in UTC: published, else updated; the fetch time (dateMissing) when neither reads; clamped to a day ahead. */
export function resolvePublishedAt(
  raw: Pick<RawItem, 'published' | 'updated'>,
  ctx: Pick<NormalizeContext, 'timezone' | 'fetchedAt'>,
): { publishedAt: Date; dateMissing: boolean } {
  for (const text of [raw.published, raw.updated]) {
    const parsed = text === undefined ? null : parseItemDate(text, ctx.timezone);
    if (parsed !== null) return { publishedAt: clampPublishedAt(parsed, ctx.fetchedAt), dateMissing: false };
  }
  return { publishedAt: new Date(ctx.fetchedAt.getTime()), dateMissing: true };
}

/** Plain author name: tags and entities removed, "email (Name)" and "Name <email>" reduced to the name. */
export function normalizeAuthor(author: string | undefined): string | null {
  if (author === undefined) return null;
  let text = toPlainText(author);
  const parenthesized = /^\S+@\S+\s*\((.+)\)$/.exec(text);
  const angled = /^(.+?)\s*<\S+@\S+>$/.exec(text);
  text = (parenthesized?.[1] ?? angled?.[1] ?? text).trim();
  return text === '' ? null : truncateAtWord(text, MAX_AUTHOR_CHARS);
}

/** The source's categories as plain NFC text, trimmed, empty ones dropped, duplicates (ignoring case) removed. */
export function normalizeCategories(categories: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const category of categories) {
    const text = truncateAtWord(toPlainText(category), MAX_CATEGORY_CHARS);
    const key = text.toLocaleLowerCase('vi');
    if (text === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(text);
  }
  return result;
}

// The item's xml:base may itself be relative to the feed.
function resolveItemBase(raw: RawItem, ctx: NormalizeContext): string {
  const feedBase = parseHttpUrl(ctx.feedUrl)?.href ?? ctx.feedUrl;
  if (raw.baseUrl === undefined) return feedBase;
  return parseHttpUrl(raw.baseUrl, feedBase)?.href ?? feedBase;
}

function normalizeGuid(guid: string | undefined): string | null {
  const text = collapseWhitespace(guid ?? '');
  return text === '' ? null : text.slice(0, MAX_GUID_CHARS);
}

// RSS guids are permalinks unless isPermaLink="false"; only an absolute http(s) guid stands in for a link.
function resolveItemUrl(raw: RawItem, guid: string | null, base: string): string | null {
  const link = raw.link === undefined ? null : canonicalizeUrl(raw.link, base);
  if (link !== null) return link;
  if (guid === null || raw.guidIsPermalink === false || !isAbsoluteHttpUrl(guid)) return null;
  return canonicalizeUrl(guid);
}

// The summary comes from the description; a description with no text (only an image) defers to the content.
// Whichever of them was sanitized as the content is read from that result instead of being parsed again.
function buildSummary(raw: RawItem, contentSource: string | undefined, contentHtml: string): string {
  for (const html of [raw.summaryHtml, raw.contentHtml]) {
    if (html === undefined) continue;
    const text = html === contentSource ? refinePlainText(sanitizedHtmlToPlainText(contentHtml)) : toPlainText(unescapeEscapedHtml(html));
    if (text !== '') return truncateAtWord(text, MAX_SUMMARY_CHARS);
  }
  return '';
}

function pickImageUrl(imageUrls: readonly string[], contentHtml: string, base: string): string | null {
  for (const href of imageUrls) {
    const url = resolveMediaUrl(href, base);
    if (url !== null) return url;
  }
  return findFirstImageSrc(contentHtml);
}

function firstNonBlank(...values: (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined && htmlHasContent(value));
}

// "<p></p>", "&nbsp;" or whitespace is no content, but an image alone is. A rough test is enough here:
// it only picks which field to sanitize.
function htmlHasContent(html: string): boolean {
  if (/<img\b/i.test(html)) return true;
  return /[^\s\u00a0]/.test(html.replace(/<[^>]*>|&nbsp;|&#160;/gi, ''));
}
