// The fields of an article page other than its body: title, published time, author, lead and main image.
// Per-source selectors win; then meta tags, JSON-LD, and the page's visible markup.
import { parseItemDate } from '../dates.js';
import { resolveMediaUrl } from '../urls.js';
import { readAuthorFromDateLine } from './date-line.js';
import { collapseWhitespace, readMeta, readText, selectFirst } from './dom.js';
import { readJsonLdArticle } from './json-ld.js';
import type { JsonLdArticle } from './json-ld.js';
import { findVisibleDate, parseVisibleDate } from './vn-dates.js';

export interface FieldSelectors {
  title?: string;
  date?: string;
  author?: string;
  lead?: string;
  image?: string;
}

export interface ArticleMetadata {
  title: string | null;
  publishedAt: Date | null;
  author: string | null;
  lead: string | null;
  imageUrl: string | null;
}

const PUBLISHED_META = ['article:published_time', 'og:article:published_time', 'datePublished', 'pubdate', 'publishdate', 'dc.date.issued', 'DC.date.issued', 'date'];
const AUTHOR_MARKUP = '[itemprop="author"] [itemprop="name"], [itemprop="author"], .author-name, .author_mail, .author, .tacgia, .tac-gia, [rel="author"], .byline';
const LEAD_MARKUP = '[class*="sapo"], .lead, .chapeau, .article-summary, .summary, .description, [itemprop="description"]:not(meta)';
// Machine-readable publish times inside the article; a bare <time> elsewhere may date a sidebar item.
const PUBLISHED_MARKUP = '[itemprop="datePublished"], article time[datetime], time[pubdate]';
const DATE_MARKUP = 'time[datetime], .publish-date, .date-time, .datetime, .date, .time, .ngay-dang, .pdate';
const TITLE_SEPARATOR = /\s+[-|–—»:]+\s+/;
const AUTHOR_PREFIX = /^(?:tác giả|bài và ảnh|bài, ảnh|bài|theo|by|phóng viên|pv)\s*[:.-]?\s+/i;
const MAX_AUTHOR_LENGTH = 80;
/** How much text around the title is searched for a visible date. */
const DATE_WINDOW = 300;

/** Reads title, time, author, lead and image from a parsed article page (before Readability, which mutates it). */
export function readArticleMetadata(document: Document, pageUrl: string, selectors: FieldSelectors, timezone: string): ArticleMetadata {
  const jsonLd = readJsonLdArticle(document);
  const heading = findHeading(document);
  return {
    title: readTitle(document, selectors, jsonLd, heading),
    publishedAt: readPublishedAt(document, selectors, jsonLd, heading, timezone),
    author: readAuthor(document, selectors, jsonLd) ?? (selectors.author === undefined ? readAuthorFromDateLine(heading) : null),
    lead: readLead(document, selectors, jsonLd),
    imageUrl: readImage(document, pageUrl, selectors, jsonLd),
  };
}

/** The longest <h1>: sites also wrap their logo in an <h1>. */
function findHeading(document: Document): Element | null {
  let best: Element | null = null;
  for (const h1 of Array.from(document.querySelectorAll('h1'))) {
    if (readText(h1).length > readText(best).length) best = h1;
  }
  return best;
}

function readTitle(document: Document, selectors: FieldSelectors, jsonLd: JsonLdArticle | null, heading: Element | null): string | null {
  if (selectors.title !== undefined) return toNullIfEmpty(readText(selectFirst(document, selectors.title)));
  const siteName = readMeta(document, ['og:site_name', 'application-name']);
  const headingText = readText(heading);
  const candidates = [readMeta(document, ['og:title', 'twitter:title']), jsonLd?.headline ?? null, toNullIfEmpty(headingText)];
  for (const candidate of candidates) {
    if (candidate === null) continue;
    // "Title - Site" where the page's <h1> says just "Title": the <h1> is the title.
    const isHeadingPlusSite = headingText !== '' && candidate.startsWith(headingText) && /^\s*[-|–—»:]/.test(candidate.slice(headingText.length));
    return isHeadingPlusSite ? headingText : stripSiteName(candidate, siteName, false);
  }
  const pageTitle = toNullIfEmpty(readText(document.querySelector('title')));
  return pageTitle === null ? null : stripSiteName(pageTitle, siteName, true);
}

/** Drops a trailing " - Site name"; on <title>, also a short trailing segment that looks like one. */
function stripSiteName(title: string, siteName: string | null, guess: boolean): string {
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1] ?? '';
  const head = title.slice(0, title.length - last.length).replace(/\s+[-|–—»:]+\s*$/, '');
  if (siteName !== null && last.toLowerCase() === siteName.toLowerCase()) return head;
  const isShortTail = last.split(' ').length <= 4 && last.length < head.length;
  return guess && isShortTail ? head : title;
}

function readPublishedAt(document: Document, selectors: FieldSelectors, jsonLd: JsonLdArticle | null, heading: Element | null, timezone: string): Date | null {
  if (selectors.date !== undefined) return readDateElement(selectFirst(document, selectors.date), timezone);
  const marked = document.querySelector(PUBLISHED_MARKUP);
  const fromData = [readMeta(document, PUBLISHED_META), jsonLd?.datePublished ?? null, marked?.getAttribute('datetime') ?? marked?.getAttribute('content') ?? null];
  for (const text of fromData) {
    const date = text === null ? null : parseItemDate(text, timezone);
    if (date !== null) return date;
  }
  return findDateNearHeading(heading, timezone) ?? findDateInMarkup(document, timezone);
}

function readDateElement(element: Element | null, timezone: string): Date | null {
  if (element === null) return null;
  const attribute = element.getAttribute('datetime') ?? element.getAttribute('content');
  const fromAttribute = attribute === null ? null : parseItemDate(attribute, timezone);
  return fromAttribute ?? parseVisibleDate(readText(element), timezone);
}

// Look beside the title first, then ever wider; never in the whole page, whose header often shows today's date.
function findDateNearHeading(heading: Element | null, timezone: string): Date | null {
  if (heading === null) return null;
  const title = readText(heading);
  let container = heading.parentElement;
  for (let depth = 0; container !== null && depth < 4 && !isPageRoot(container); depth += 1) {
    const text = readText(container);
    const at = text.indexOf(title);
    const after = text.slice(at + title.length, at + title.length + DATE_WINDOW);
    const before = text.slice(Math.max(0, at - DATE_WINDOW), Math.max(0, at));
    const date = pickNearestDate(findVisibleDate(after, timezone), findLastVisibleDate(before, timezone), before.length);
    if (date !== null) return date;
    container = container.parentElement;
  }
  return null;
}

type FoundDate = { date: Date; index: number; length: number } | null;

// The date line sits right above or right below the title; a date further away belongs to something else.
function pickNearestDate(after: FoundDate, before: FoundDate, beforeLength: number): Date | null {
  if (after === null || before === null) return (after ?? before)?.date ?? null;
  const beforeDistance = beforeLength - (before.index + before.length);
  return after.index <= beforeDistance ? after.date : before.date;
}

/** The date written last in `text` (the one closest to what follows it). */
function findLastVisibleDate(text: string, timezone: string): FoundDate {
  let found: FoundDate = null;
  for (let rest = text, offset = 0; ; ) {
    const next = findVisibleDate(rest, timezone);
    if (next === null) return found;
    found = { ...next, index: offset + next.index };
    offset += next.index + next.length;
    rest = text.slice(offset);
  }
}

function findDateInMarkup(document: Document, timezone: string): Date | null {
  for (const element of Array.from(document.querySelectorAll(DATE_MARKUP))) {
    if (element.closest('header, nav, footer, aside') !== null) continue;
    const date = readDateElement(element, timezone);
    if (date !== null) return date;
  }
  return null;
}

function isPageRoot(element: Element): boolean {
  return element.tagName === 'BODY' || element.tagName === 'HTML';
}

function readAuthor(document: Document, selectors: FieldSelectors, jsonLd: JsonLdArticle | null): string | null {
  if (selectors.author !== undefined) return cleanAuthor(readText(selectFirst(document, selectors.author)));
  const metaAuthor = readMeta(document, ['author', 'article:author', 'dable:author']);
  const candidates = [metaAuthor, jsonLd?.author ?? null, readText(document.querySelector(AUTHOR_MARKUP))];
  for (const candidate of candidates) {
    const author = candidate === null ? null : cleanAuthor(candidate);
    if (author !== null) return author;
  }
  return null;
}

/** Trims "Tác giả:"/"Theo" prefixes; rejects URLs, dates and sentences, which are not names. */
export function cleanAuthor(text: string): string | null {
  const author = collapseWhitespace(text).replace(AUTHOR_PREFIX, '').replace(/[.,;:]+$/, '').trim();
  if (author === '' || author.length > MAX_AUTHOR_LENGTH || /^https?:\/\//i.test(author) || /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(author)) return null;
  return author;
}

function readLead(document: Document, selectors: FieldSelectors, jsonLd: JsonLdArticle | null): string | null {
  if (selectors.lead !== undefined) return toNullIfEmpty(readText(selectFirst(document, selectors.lead)));
  const markup = toNullIfEmpty(readText(document.querySelector(LEAD_MARKUP)));
  return markup ?? readMeta(document, ['og:description', 'description', 'twitter:description']) ?? jsonLd?.description ?? null;
}

function readImage(document: Document, pageUrl: string, selectors: FieldSelectors, jsonLd: JsonLdArticle | null): string | null {
  if (selectors.image !== undefined) {
    const element = selectFirst(document, selectors.image);
    const img = element?.matches('img') ? element : element?.querySelector('img');
    const src = img?.getAttribute('data-src') ?? img?.getAttribute('src') ?? element?.getAttribute('content') ?? element?.getAttribute('href');
    return src ? resolveMediaUrl(src, pageUrl) : null;
  }
  const src = readMeta(document, ['og:image', 'og:image:url', 'twitter:image']) ?? jsonLd?.image ?? null;
  return src === null ? null : resolveMediaUrl(src, pageUrl);
}

function toNullIfEmpty(text: string): string | null {
  return text === '' ? null : text;
}
