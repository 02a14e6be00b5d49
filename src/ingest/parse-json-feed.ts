// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read with JSON.parse.
import { BantinError } from '../errors.js';
import { MAX_FEED_ITEMS } from './parse-xml.js';
import type { ParsedFeed, RawItem } from './types.js';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** True when the text looks like JSON rather than markup (first non-space character is `{` or `[`). */
export function isJsonText(text: string): boolean {
  const match = /^\uFEFF?\s*([{[])/.exec(text.slice(0, 1024));
  return match !== null;
}

/** Parses a JSON Feed document; throws BantinError `malformed` for bad JSON and `not-a-feed` for other JSON. */
export function parseJsonFeed(text: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new BantinError('parse', 'malformed', `malformed JSON: ${detail}`, { cause: error });
  }
  if (!isObject(doc) || !isJsonFeed(doc)) {
    throw new BantinError('parse', 'not-a-feed', 'got JSON that is not a JSON Feed (no jsonfeed.org "version")');
  }
  const feedAuthor = readAuthors(doc);
  const items = Array.isArray(doc.items) ? doc.items.filter(isObject).slice(0, MAX_FEED_ITEMS) : [];
  return {
    format: 'json',
    title: readString(doc.title),
    link: readString(doc.home_page_url)?.trim(),
    items: items.map((item) => readItem(item, feedAuthor)),
  };
}

// The spec's version URL; leniently also a bare "1.0"/"1.1", or a titled object with an items list.
function isJsonFeed(doc: JsonObject): boolean {
  const version = typeof doc.version === 'string' ? doc.version.trim() : '';
  if (/^(https?:\/\/jsonfeed\.org\/version\/)?1(\.\d+)?\/?$/.test(version)) return true;
  return Array.isArray(doc.items) && typeof doc.title === 'string';
}

function readString(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** 1.1 uses `authors` (an array), 1.0 `author` (an object); names are joined. */
function readAuthors(owner: JsonObject): string | undefined {
  const list = Array.isArray(owner.authors) ? owner.authors : isObject(owner.author) ? [owner.author] : [];
  const names = list.filter(isObject).map((author) => readString(author.name)?.trim()).filter((name): name is string => name !== undefined);
  return names.length > 0 ? names.join(', ') : undefined;
}

function readItem(item: JsonObject, feedAuthor: string | undefined): RawItem {
  const contentHtml = readString(item.content_html) ?? textToHtml(readString(item.content_text));
  const tags = Array.isArray(item.tags) ? item.tags : [];
  return {
    guid: readString(item.id)?.trim(),
    link: (readString(item.url) ?? readString(item.external_url))?.trim(),
    title: readString(item.title),
    contentHtml,
    summaryHtml: readString(item.summary),
    author: readAuthors(item) ?? feedAuthor,
    categories: tags.map(readString).filter((tag): tag is string => tag !== undefined).map((tag) => tag.trim()),
    published: readString(item.date_published)?.trim(),
    updated: readString(item.date_modified)?.trim(),
    imageUrls: readImageUrls(item),
  };
}

function readImageUrls(item: JsonObject): string[] {
  const urls = [readString(item.image), readString(item.banner_image)];
  const attachments = Array.isArray(item.attachments) ? item.attachments.filter(isObject) : [];
  for (const attachment of attachments) {
    const mime = readString(attachment.mime_type) ?? '';
    if (/^image\//i.test(mime)) urls.push(readString(attachment.url));
  }
  const present = urls.filter((url): url is string => url !== undefined).map((url) => url.trim());
  return [...new Set(present)];
}

/** content_text is plain text: escape it and keep its paragraphs. */
function textToHtml(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => `<p>${paragraph.trim().replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}
