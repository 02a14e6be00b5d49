// The listing page of an HTML source: which article links it offers, with the optional title and date
// the listing prints beside each link.
import { BantinError } from '../../errors.js';
import { canonicalizeUrl } from '../urls.js';
import { parseHtmlDocument, readBaseUrl, readText, selectAll, selectFirst } from './dom.js';

/** Used when a source names no links selector: headline links as most press listings mark them up. */
export const DEFAULT_LINKS_SELECTOR = 'article a[href], h2 a[href], h3 a[href]';

export interface ListingSelectors {
  links?: string;
  listingTitle?: string;
  listingDate?: string;
}

export interface ListingLink {
  /** Canonical absolute URL. */
  url: string;
  /** Title printed on the listing, if any. */
  title: string | null;
  /** Date text printed on the listing near the link, if a listingDate selector is set. */
  dateText: string | null;
}

/** How far up from a link its card may reach: a card is rarely deeper than this. */
const CARD_DEPTH = 4;

/**
 * Reads the article links of a listing page in page order, deduplicated by canonical URL.
 * Throws `selector-matched-nothing` when the links selector finds no link: the site's layout drifted.
 */
export function extractListingLinks(html: string, pageUrl: string, selectors: ListingSelectors): ListingLink[] {
  const document = parseHtmlDocument(html);
  const base = readBaseUrl(document, pageUrl);
  const selector = selectors.links ?? DEFAULT_LINKS_SELECTOR;
  const anchors = selectAll(document, selector).map(findAnchor).filter((a): a is Element => a !== null);
  const resolved = anchors.map((anchor) => ({ anchor, url: resolveLink(anchor.getAttribute('href') ?? '', base) }));
  const links = new Map<string, ListingLink>();
  for (const { anchor, url } of resolved) {
    if (url === null) continue;
    const card = findCard(anchor, url, resolved);
    const title = readListingField(card, selectors.listingTitle) ?? toNullIfEmpty(readText(anchor));
    const existing = links.get(url);
    if (existing === undefined) links.set(url, { url, title, dateText: readListingField(card, selectors.listingDate) });
    else existing.title ??= title;
  }
  if (links.size === 0) {
    throw new BantinError('extract', 'selector-matched-nothing', `selector \`${selector}\` matched nothing on ${pageUrl}`, {
      context: { selector, url: pageUrl },
    });
  }
  return [...links.values()];
}

/** The link itself, or the first link inside a matched card (one with text, so a thumbnail does not win). */
function findAnchor(element: Element): Element | null {
  if (element.tagName === 'A' && element.hasAttribute('href')) return element;
  const anchors = Array.from(element.querySelectorAll('a[href]'));
  return anchors.find((a) => readText(a) !== '') ?? anchors[0] ?? null;
}

/** The widest ancestor of a link that holds no link to another article: its card on the listing. */
function findCard(anchor: Element, url: string, all: { anchor: Element; url: string | null }[]): Element {
  let card = anchor;
  for (let depth = 0; depth < CARD_DEPTH; depth += 1) {
    const parent: Element | null = card.parentElement;
    if (parent === null || all.some((other) => other.url !== url && parent.contains(other.anchor))) break;
    card = parent;
  }
  return card;
}

function resolveLink(href: string, base: string): string | null {
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#') || /^(javascript|mailto|tel):/i.test(trimmed)) return null;
  const url = canonicalizeUrl(trimmed, base);
  return url !== null && /^https?:\/\//i.test(url) ? url : null;
}

function readListingField(card: Element, selector: string | undefined): string | null {
  if (selector === undefined) return null;
  const found = card.matches(selector) ? card : selectFirst(card, selector);
  return found === null ? null : toNullIfEmpty(readText(found));
}

function toNullIfEmpty(text: string): string | null {
  return text === '' ? null : text;
}
