// Plain text out of feed HTML: titles, summaries, authors, categories.
import sanitizeHtml from 'sanitize-html';
import { decodeHTML, decodeHTMLStrict } from 'entities';

// Elements whose edges separate words; every other tag is dropped without a space so that markup
// inside a word ("Vi<b>ệt</b>") does not split it.
const BLOCK_TAGS = [
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'img', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'td', 'th', 'tr', 'ul',
];

const TEXT_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: BLOCK_TAGS,
  allowedAttributes: {},
  nonTextTags: ['script', 'style', 'textarea', 'option', 'select', 'noscript', 'template', 'head', 'title', 'svg', 'math'],
};

// C0/C1 controls other than whitespace: Postgres refuses NUL and readers show the rest as boxes.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const ENTITY = /&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});/i;
const MARKUP = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/i;
// Exact on sanitize-html output, where every `<` and `>` outside a tag is escaped, even in attribute values.
const SANITIZED_TAG = /<(\/?)([a-z0-9]+)[^>]*>/gi;
const BLOCK_SET = new Set(BLOCK_TAGS);

/** Turns HTML into one line of plain text: tags dropped, entities decoded, whitespace collapsed, NFC. */
export function htmlToPlainText(html: string): string {
  if (html === '') return '';
  // Text without markup skips the HTML parser, which costs far more than the rest of normalization.
  if (!html.includes('<')) return collapseWhitespace(decodeHTML(html));
  return sanitizedHtmlToPlainText(sanitizeHtml(html, TEXT_OPTIONS));
}

/** Plain text of HTML that already went through sanitize-html (e.g. sanitizeContentHtml output), without parsing it again. */
export function sanitizedHtmlToPlainText(cleanHtml: string): string {
  const spaced = cleanHtml.replace(SANITIZED_TAG, (_tag, _slash: string, name: string) => (BLOCK_SET.has(name.toLowerCase()) ? ' ' : ''));
  return collapseWhitespace(decodeHTMLStrict(spaced));
}

/**
 * Plain text for a field that may be HTML, escaped HTML or text escaped twice ("Tin &amp;amp; bài"):
 * tags stripped and entities decoded until none are left (at most three rounds).
 */
export function toPlainText(value: string): string {
  return refinePlainText(htmlToPlainText(value));
}

/** Decodes what is still escaped in extracted text (double-escaped feeds), at most two more rounds. */
export function refinePlainText(text: string): string {
  let refined = text;
  for (let round = 0; round < 2 && (ENTITY.test(refined) || MARKUP.test(refined)); round += 1) {
    refined = MARKUP.test(refined) ? htmlToPlainText(refined) : collapseWhitespace(decodeHTMLStrict(refined));
  }
  return refined;
}

/** Collapses runs of whitespace to one space, trims, drops control characters and applies NFC. */
export function collapseWhitespace(text: string): string {
  return text.replace(CONTROL_CHARS, '').replace(/\s+/g, ' ').trim().normalize('NFC');
}

/**
 * Shortens text to at most `maxChars` characters, cutting at the last space so no word (Vietnamese
 * syllable) is split, and appends "…" when something was cut.
 */
export function truncateAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const room = maxChars - 1;
  const boundary = text[room] === ' ' ? room : text.lastIndexOf(' ', room);
  // One unbroken run (a long URL) has no word boundary worth keeping: cut it at a character boundary.
  const cut = boundary >= room / 2 ? boundary : safeCharBoundary(text, room);
  return `${text.slice(0, cut).replace(/[\s,;:–—-]+$/u, '')}…`;
}

// Moves a cut point back so it never splits a surrogate pair or separates a base letter from its marks.
function safeCharBoundary(text: string, index: number): number {
  let cut = index;
  while (cut > 0 && (isLowSurrogate(text.charCodeAt(cut)) || /\p{M}/u.test(text[cut] ?? ''))) cut -= 1;
  return cut;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
