// Reading the xml2js tree that rss-parser builds: an element is either a string (text only, no
// attributes) or a null-prototype object with `$` (attributes), `_` (text) and one array per child name.

/** An element as xml2js gives it. */
export type XmlNode = string | XmlElement;
/** An element with attributes or children; children are arrays keyed by qualified name. */
export type XmlElement = Record<string, unknown>;

// Deeper markup than this is cut off rather than recursed into, so hostile nesting cannot overflow the stack.
const maxSerializeDepth = 64;

const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

/** True when the value is an xml2js element object (not a plain text node). */
export function isXmlElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The child elements of `parent` named `name` (qualified, e.g. `media:content`), in document order. */
export function getChildren(parent: unknown, name: string): XmlNode[] {
  if (!isXmlElement(parent) || !hasOwn(parent, name)) return [];
  const children = parent[name];
  if (!Array.isArray(children)) return [];
  return children.filter((child): child is XmlNode => typeof child === 'string' || isXmlElement(child));
}

/** The first child element named `name`, if any. */
export function getChild(parent: unknown, name: string): XmlNode | undefined {
  return getChildren(parent, name)[0];
}

/** An attribute of an element, if present. */
export function getAttr(node: unknown, name: string): string | undefined {
  if (!isXmlElement(node) || !hasOwn(node, '$')) return undefined;
  const attrs = node.$;
  if (!isXmlElement(attrs) || !hasOwn(attrs, name)) return undefined;
  const value = attrs[name];
  return typeof value === 'string' ? value : undefined;
}

/** The character data directly inside an element ('' when none). */
export function getOwnText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (isXmlElement(node) && hasOwn(node, '_') && typeof node._ === 'string') return node._;
  return '';
}

/** The trimmed text of an element, or undefined when it is empty. */
export function getTrimmedText(node: unknown): string | undefined {
  const text = getOwnText(node).trim();
  return text === '' ? undefined : text;
}

/** The trimmed text of the first non-empty child named `name`. */
export function getChildText(parent: unknown, name: string): string | undefined {
  for (const child of getChildren(parent, name)) {
    const text = getTrimmedText(child);
    if (text !== undefined) return text;
  }
  return undefined;
}

function hasElementChildren(node: XmlElement): boolean {
  return Object.keys(node).some((key) => key !== '$' && key !== '_');
}

/**
 * The markup an element carries. Text-only elements already hold their HTML (CDATA or escaped
 * markup, decoded by the XML parser); elements with child elements are inline (X)HTML and are
 * serialized back. xml2js keeps text apart from children, so mixed content loses its interleaving.
 */
export function getMarkup(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (!isXmlElement(node)) return undefined;
  if (!hasElementChildren(node)) return getOwnText(node);
  return serializeInner(node, 0);
}

/** Inline XHTML (Atom type="xhtml") serialized as markup; its text is XML text and is escaped. */
export function getInnerXhtml(node: unknown): string {
  if (typeof node === 'string') return escapeText(node);
  return isXmlElement(node) ? serializeInner(node, 0) : '';
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function serializeAttrs(node: XmlElement): string {
  const attrs = hasOwn(node, '$') ? node.$ : undefined;
  if (!isXmlElement(attrs)) return '';
  return Object.entries(attrs)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, value]) => ` ${name}="${escapeText(value).replace(/"/g, '&quot;')}"`)
    .join('');
}

function serializeElement(name: string, node: XmlNode, depth: number): string {
  if (typeof node === 'string') return `<${name}>${escapeText(node)}</${name}>`;
  return `<${name}${serializeAttrs(node)}>${serializeInner(node, depth + 1)}</${name}>`;
}

function serializeInner(node: XmlElement, depth: number): string {
  if (depth > maxSerializeDepth) return '';
  let out = escapeText(getOwnText(node));
  for (const key of Object.keys(node)) {
    if (key === '$' || key === '_') continue;
    for (const child of getChildren(node, key)) out += serializeElement(key, child, depth);
  }
  return out;
}
