// Small DOM helpers over linkedom shared by the listing, extraction and discovery modules.
import { parseHTML } from 'linkedom';
import { BantinError } from '../../errors.js';

/** Parses an HTML string into a linkedom Document. */
export function parseHtmlDocument(html: string): Document {
  return parseHTML(html).document;
}

/** All elements matching `selector` under `root`; an invalid selector is a clear extract error. */
export function selectAll(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch (error) {
    throw new BantinError('extract', 'invalid-selector', `invalid selector \`${selector}\``, { cause: error, context: { selector } });
  }
}

/** The first element matching `selector` under `root`, or null. */
export function selectFirst(root: ParentNode, selector: string): Element | null {
  return selectAll(root, selector)[0] ?? null;
}

/** The element's text with whitespace collapsed, NFC. */
export function readText(node: Node | null | undefined): string {
  return collapseWhitespace(node?.textContent ?? '');
}

/** Collapses runs of whitespace (incl. NBSP) to one space, trims, and NFC-normalizes. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim().normalize('NFC');
}

/** The content attribute of the first <meta> whose property, name or itemprop is one of `keys`, or null. */
export function readMeta(document: Document, keys: string[]): string | null {
  const metas = indexMetaTags(document);
  for (const key of keys) {
    const content = metas.get(key.toLowerCase());
    if (content !== undefined) return content;
  }
  return null;
}

const metaIndexes = new WeakMap<Document, Map<string, string>>();

// One pass over <meta> per document: selector queries per key were the slowest part of reading metadata.
function indexMetaTags(document: Document): Map<string, string> {
  let index = metaIndexes.get(document);
  if (index !== undefined) return index;
  index = new Map();
  for (const meta of Array.from(document.getElementsByTagName('meta'))) {
    const content = collapseWhitespace(meta.getAttribute('content') ?? '');
    if (content === '') continue;
    for (const attribute of ['property', 'name', 'itemprop']) {
      const key = meta.getAttribute(attribute)?.toLowerCase();
      if (key && !index.has(key)) index.set(key, content);
    }
  }
  metaIndexes.set(document, index);
  return index;
}

/** The document's base URL: its <base href> resolved against the page URL, else the page URL. */
export function readBaseUrl(document: Document, pageUrl: string): string {
  const href = document.querySelector('base[href]')?.getAttribute('href');
  if (!href) return pageUrl;
  try {
    return new URL(href, pageUrl).href;
  } catch {
    return pageUrl;
  }
}

/** Removes every element matching any of `selectors`. */
export function removeAll(root: ParentNode, selectors: string[]): void {
  for (const selector of selectors) {
    for (const element of selectAll(root, selector)) element.remove();
  }
}
