// One article page → title, time, author, lead, image and a clean, sanitized body; or the reason it is not one.
import { Readability } from '@mozilla/readability';
import { MAX_SUMMARY_CHARS } from '../normalize.js';
import { truncateAtWord } from '../plain-text.js';
import { findFirstImageSrc, htmlToPlainText, sanitizeContentHtml } from '../sanitize.js';
import { readArticleMetadata, cleanAuthor } from './article-metadata.js';
import type { FieldSelectors } from './article-metadata.js';
import { cleanArticleHtml } from './clean-article.js';
import { parseHtmlDocument, readBaseUrl, removeAll, selectAll } from './dom.js';

export interface ArticleSelectors extends FieldSelectors {
  body?: string;
  /** Blocks removed before anything is read. */
  drop?: string[];
}

export interface ExtractOptions {
  timezone: string;
  selectors?: ArticleSelectors;
}

export interface ExtractedArticle {
  title: string;
  publishedAt: Date | null;
  author: string | null;
  lead: string | null;
  imageUrl: string | null;
  /** Sanitized HTML with absolute links. */
  contentHtml: string;
  /** The lead, or the start of the body, at most ~400 characters cut at a word. */
  summary: string;
}

export type ExtractionFailure = 'no-title' | 'no-body' | 'not-article';

export type ExtractionResult = { ok: true; article: ExtractedArticle } | { ok: false; reason: ExtractionFailure };

/** A body shorter than this is a stub, a paywall or a page that is not an article. */
const MIN_BODY_CHARS = 150;
/** Share of the body text inside links above which the "article" is a list of links (a section page). */
const MAX_LINK_DENSITY = 0.5;

/** Extracts an article from page HTML; never returns an item without a title and a real body. */
export function extractArticle(html: string, pageUrl: string, options: ExtractOptions): ExtractionResult {
  const selectors = options.selectors ?? {};
  const document = parseHtmlDocument(html);
  const baseUrl = readBaseUrl(document, pageUrl);
  removeAll(document, selectors.drop ?? []);
  const metadata = readArticleMetadata(document, baseUrl, selectors, options.timezone);
  if (metadata.title === null) return { ok: false, reason: 'no-title' };
  const extracted = selectors.body === undefined ? readWithReadability(document) : readBodySelector(document, selectors.body);
  if (extracted === null) return { ok: false, reason: 'no-body' };
  const author = metadata.author ?? (extracted.byline === null ? null : cleanAuthor(extracted.byline));
  const cleaned = cleanArticleHtml(extracted.html, { title: metadata.title, author });
  if (cleaned.text.length < MIN_BODY_CHARS) return { ok: false, reason: 'no-body' };
  if (cleaned.linkDensity > MAX_LINK_DENSITY) return { ok: false, reason: 'not-article' };
  const contentHtml = sanitizeContentHtml(prependLead(cleaned.html, metadata.lead, cleaned.text), baseUrl);
  const summary = truncateAtWord(metadata.lead ?? htmlToPlainText(contentHtml), MAX_SUMMARY_CHARS);
  const imageUrl = metadata.imageUrl ?? findFirstImageSrc(contentHtml);
  return { ok: true, article: { ...metadata, title: metadata.title, author, imageUrl, contentHtml, summary } };
}

interface RawBody {
  html: string;
  byline: string | null;
}

function readWithReadability(document: Document): RawBody | null {
  // Short news items are common; the default 500-character threshold would discard them.
  const parsed = new Readability(document, { charThreshold: MIN_BODY_CHARS, keepClasses: false }).parse();
  if (parsed === null || !parsed.content) return null;
  return { html: parsed.content, byline: parsed.byline ?? null };
}

function readBodySelector(document: Document, selector: string): RawBody | null {
  const parts = selectAll(document, selector);
  return parts.length === 0 ? null : { html: parts.map((part) => part.innerHTML).join('\n'), byline: null };
}

// Many layouts print the lead (sapo) outside the body container; the full text should still start with it.
function prependLead(html: string, lead: string | null, bodyText: string): string {
  if (lead === null || bodyText.toLowerCase().includes(lead.slice(0, 80).toLowerCase())) return html;
  return `<p>${escapeText(lead)}</p>${html}`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
