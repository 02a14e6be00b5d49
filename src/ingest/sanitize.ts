// The allowlist sanitizer every piece of source HTML passes through last, before anyone reads it.
import sanitizeHtml from 'sanitize-html';
import { decodeHTML, decodeHTMLStrict } from 'entities';
import { parseHttpUrl } from './urls.js';

export { htmlToPlainText } from './plain-text.js';

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'div', 'span', 'section', 'article', 'header', 'footer', 'aside',
  'a', 'img', 'figure', 'figcaption', 'picture',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'q', 'cite', 'abbr', 'time',
  'strong', 'em', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup',
  'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'code', 'kbd', 'samp',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  abbr: ['title'],
  time: ['datetime'],
  ol: ['start'],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
};

// Their text is code or widget chrome, never part of the article. Embeds (iframe, object) are not here:
// their inner text is the fallback meant for readers, and an unclosed <object> must not swallow the rest.
const NON_TEXT_TAGS = ['script', 'style', 'textarea', 'option', 'select', 'noscript', 'template', 'head', 'title', 'svg', 'math'];

const LINK_REL = 'noopener noreferrer';
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const BREAK_TAG = /<\/?br\s*\/?>/gi;
const REAL_TAG = /<(?:\/?[a-z][a-z0-9-]*[\s/>]|!--)/i;
const ESCAPED_TAG = /&lt;(?:\/?[a-z][a-z0-9-]*(?:\s|\/|&gt;)|!--)/i;

/** Sanitizes feed HTML with an allowlist; links and images become absolute against `baseUrl`, links get rel=noopener. */
export function sanitizeContentHtml(html: string, baseUrl: string): string {
  if (html.trim() === '') return '';
  const withoutControls = html.replace(CONTROL_CHARS, '');
  // Text without markup needs no parser (sanitize-html costs ~0.2 ms a call); escape it as sanitize-html would.
  const clean = withoutControls.includes('<') ? sanitizeHtml(withoutControls, buildOptions(baseUrl)) : escapeText(decodeHTML(withoutControls));
  return clean.trim().normalize('NFC');
}

/**
 * Undoes one level of escaping when a description is HTML written as text ("&lt;p&gt;…"): it holds
 * escaped tags and no real ones besides line breaks (`</br>` often sits next to escaped markup).
 */
export function unescapeEscapedHtml(html: string): string {
  const withoutBreaks = html.replace(BREAK_TAG, '');
  if (REAL_TAG.test(withoutBreaks) || !ESCAPED_TAG.test(html)) return html;
  return decodeHTMLStrict(html);
}

/** The first image source in sanitized HTML (already absolute), or null. */
export function findFirstImageSrc(sanitizedHtml: string): string | null {
  const match = /<img\b[^>]*?\ssrc="([^"]*)"/i.exec(sanitizedHtml);
  return match?.[1] === undefined ? null : decodeHTMLStrict(match[1]);
}

function buildOptions(baseUrl: string): sanitizeHtml.IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    nonTextTags: NON_TEXT_TAGS,
    disallowedTagsMode: 'discard',
    transformTags: {
      h1: 'h2',
      a: (_tagName, attribs) => transformLink(attribs, baseUrl),
      img: (_tagName, attribs) => transformImage(attribs, baseUrl),
    },
    // An image whose source was refused is an empty box; drop it.
    exclusiveFilter: (frame) => frame.tag === 'img' && (frame.attribs.src ?? '') === '',
  };
}

function transformLink(attribs: sanitizeHtml.Attributes, baseUrl: string): sanitizeHtml.Tag {
  const href = resolveLinkHref(attribs.href ?? '', baseUrl);
  // A link that goes nowhere safe keeps its text but stops being a link.
  if (href === null) return { tagName: 'span', attribs: {} };
  return { tagName: 'a', attribs: { ...pick(attribs, ['title']), href, rel: LINK_REL } };
}

function transformImage(attribs: sanitizeHtml.Attributes, baseUrl: string): sanitizeHtml.Tag {
  const src = parseHttpUrl(attribs.src ?? '', baseUrl)?.href ?? '';
  return { tagName: 'img', attribs: { ...pick(attribs, ['alt', 'title', 'width', 'height']), src } };
}

function resolveLinkHref(href: string, baseUrl: string): string | null {
  const trimmed = href.trim();
  if (/^mailto:[^\s]+$/i.test(trimmed)) return trimmed;
  return parseHttpUrl(trimmed, baseUrl)?.href ?? null;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function pick(attribs: sanitizeHtml.Attributes, names: readonly string[]): sanitizeHtml.Attributes {
  const picked: sanitizeHtml.Attributes = {};
  for (const name of names) {
    const value = attribs[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}
