// Fetching one article page politely (same site, robots.txt, private-network guard) and extracting it.
import { isBantinError } from '../../errors.js';
import { decodeBody } from '../decode.js';
import type { Fetcher } from '../types.js';
import { extractArticle } from './extract-article.js';
import type { ArticleSelectors, ExtractedArticle, ExtractionFailure } from './extract-article.js';
import type { RobotsPolicy } from './robots.js';
import { isSameSite } from './same-site.js';

export interface ArticleFetchDeps {
  fetcher: Fetcher;
  robots: RobotsPolicy;
  /** Articles must live on this URL's site. */
  siteUrl: string;
  allowPrivateNetwork: boolean;
  timezone: string;
  selectors: ArticleSelectors;
}

export type ArticleOutcome =
  | { kind: 'extracted'; article: ExtractedArticle }
  | { kind: 'skipped'; reason: 'off-site' | 'robots' }
  | { kind: 'rejected'; reason: ExtractionFailure | 'not-html' }
  | { kind: 'fetch-failed'; error: unknown };

const HTML_TYPE = /^\s*(?:text\/html|application\/xhtml\+xml)\b/i;

/** Fetches and extracts one article; every outcome is a value, never a throw. */
export async function fetchArticle(url: string, deps: ArticleFetchDeps): Promise<ArticleOutcome> {
  if (!isSameSite(url, deps.siteUrl)) return { kind: 'skipped', reason: 'off-site' };
  try {
    if (!(await deps.robots.isAllowed(url))) return { kind: 'skipped', reason: 'robots' };
    const response = await deps.fetcher.fetch({ url, allowPrivateNetwork: deps.allowPrivateNetwork });
    if (response.kind !== 'ok') return { kind: 'rejected', reason: 'no-body' };
    // A redirect may leave the site; what it leads to is not this source's article.
    if (!isSameSite(response.finalUrl, deps.siteUrl)) return { kind: 'skipped', reason: 'off-site' };
    if (response.contentType !== null && !HTML_TYPE.test(response.contentType)) return { kind: 'rejected', reason: 'not-html' };
    const { text } = decodeBody(response.body, response.contentType, { html: true });
    const result = extractArticle(text, response.finalUrl, { timezone: deps.timezone, selectors: deps.selectors });
    return result.ok ? { kind: 'extracted', article: result.article } : { kind: 'rejected', reason: result.reason };
  } catch (error) {
    // A broken selector is the admin's to fix, not a property of this one article.
    if (isBantinError(error, 'invalid-selector')) throw error;
    return { kind: 'fetch-failed', error };
  }
}
