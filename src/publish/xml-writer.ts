// A tiny XML writer. The `feed` package's serializer (xml-js) splits only the first `]]>` in CDATA, turns a literal
// "&amp;" into "&", leaves `<` raw in attributes and keeps control characters, so every one of those produced broken
// or altered documents; escaping text ourselves (no CDATA at all) removes the whole class of bugs.

/** An element: a name, attributes (null/undefined ones are left out) and children (falsy ones are left out). */
export interface XmlElement {
  name: string;
  attrs: Record<string, string | null | undefined>;
  children: XmlChild[];
}

export type XmlChild = XmlElement | string;
type MaybeChild = XmlChild | null | undefined | false;

// XML 1.0 Char production; with the `u` flag a lone surrogate is one code point outside every allowed range.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// Without the `u` flag this matches any surrogate, valid pair or not: a cheap test that sends only the rare string
// with controls or astral characters (emoji) through the slower exact replacement above.
const MAYBE_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Removes the characters XML 1.0 forbids (C0 controls other than tab/CR/LF, lone surrogates, U+FFFE/U+FFFF). */
export function stripInvalidXmlChars(value: string): string {
  return MAYBE_INVALID.test(value) ? value.replace(INVALID_XML_CHARS, '') : value;
}

/** Escapes text content; `>` is escaped too so `]]>` can never appear. */
export function escapeXmlText(value: string): string {
  return stripInvalidXmlChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value; whitespace controls become references so attribute normalization keeps them. */
export function escapeXmlAttr(value: string): string {
  return escapeXmlText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** Escapes plain text for an HTML context (the HTML inside an RSS description or Atom `type="html"`). */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Builds an element; children that are null, undefined or false are dropped so callers can write conditionals inline. */
export function el(name: string, attrs: Record<string, string | null | undefined> = {}, ...children: (MaybeChild | MaybeChild[])[]): XmlElement {
  const flat = children.flat().filter((child): child is XmlChild => child !== null && child !== undefined && child !== false);
  return { name, attrs, children: flat };
}

/** Serializes a document with an XML declaration and two-space indentation. */
export function renderXmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${renderElement(root, 0)}\n`;
}

function renderElement(element: XmlElement, depth: number): string {
  const indent = '  '.repeat(depth);
  const open = `${element.name}${renderAttrs(element.attrs)}`;
  if (element.children.length === 0) return `${indent}<${open}/>`;
  if (element.children.every((child) => typeof child === 'string')) {
    return `${indent}<${open}>${element.children.map((text) => escapeXmlText(text as string)).join('')}</${element.name}>`;
  }
  const inner = element.children.map((child) =>
    typeof child === 'string' ? `${'  '.repeat(depth + 1)}${escapeXmlText(child)}` : renderElement(child, depth + 1),
  );
  return `${indent}<${open}>\n${inner.join('\n')}\n${indent}</${element.name}>`;
}

function renderAttrs(attrs: Record<string, string | null | undefined>): string {
  let out = '';
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) out += ` ${key}="${escapeXmlAttr(value)}"`;
  }
  return out;
}
