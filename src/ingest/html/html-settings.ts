// The HTML-related part of a source's config entry (already validated by the config schema), read defensively
// because `Source.settings` is untyped at this boundary.
import type { Source } from '../types.js';
import type { ArticleSelectors } from './extract-article.js';
import type { ListingSelectors } from './listing.js';

export type SourceSelectors = ArticleSelectors & ListingSelectors;

export interface HtmlSettings {
  selectors: SourceSelectors;
  allowPrivateNetwork: boolean;
}

const SELECTOR_KEYS = ['links', 'listingTitle', 'listingDate', 'title', 'date', 'author', 'lead', 'image', 'body'] as const;

/** Reads selectors and allowPrivateNetwork from a source's settings. */
export function readHtmlSettings(source: Source): HtmlSettings {
  const raw = source.settings.selectors;
  const selectors: SourceSelectors = {};
  if (typeof raw === 'object' && raw !== null) {
    const record = raw as Record<string, unknown>;
    for (const key of SELECTOR_KEYS) {
      const value = record[key];
      if (typeof value === 'string' && value.trim() !== '') selectors[key] = value;
    }
    if (Array.isArray(record.drop)) selectors.drop = record.drop.filter((item): item is string => typeof item === 'string');
  }
  return { selectors, allowPrivateNetwork: source.settings.allowPrivateNetwork === true };
}
