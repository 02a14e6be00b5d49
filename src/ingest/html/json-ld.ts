// JSON-LD article metadata: the first Article-like node of any ld+json script, looking inside arrays and @graph.
import { collapseWhitespace } from './dom.js';

const ARTICLE_TYPES = new Set(['article', 'newsarticle', 'reportagenewsarticle', 'analysisnewsarticle', 'blogposting', 'webpage', 'report', 'liveblogposting']);

export interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  author: string | null;
  image: string | null;
  description: string | null;
}

type JsonObject = Record<string, unknown>;

/** Reads the best Article node of the page's JSON-LD scripts; broken scripts are ignored. */
export function readJsonLdArticle(document: Document): JsonLdArticle | null {
  const nodes = Array.from(document.querySelectorAll('script[type="application/ld+json"]')).flatMap((script) => parseJsonLd(script.textContent ?? ''));
  // A real article node beats the WebPage node many CMSs add beside it.
  const article = nodes.find((node) => hasArticleType(node, false)) ?? nodes.find((node) => hasArticleType(node, true));
  if (article === undefined) return null;
  return {
    headline: readString(article.headline) ?? readString(article.name),
    datePublished: readString(article.datePublished) ?? readString(article.dateCreated),
    author: readPersonName(article.author),
    image: readImageUrl(article.image) ?? readImageUrl(article.thumbnailUrl),
    description: readString(article.description),
  };
}

function parseJsonLd(text: string): JsonObject[] {
  try {
    return flattenNodes(JSON.parse(text.trim()) as unknown);
  } catch {
    return [];
  }
}

function flattenNodes(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.flatMap(flattenNodes);
  if (!isObject(value)) return [];
  const graph = value['@graph'];
  return graph === undefined ? [value] : [value, ...flattenNodes(graph)];
}

function hasArticleType(node: JsonObject, allowWebPage: boolean): boolean {
  const raw = node['@type'];
  const types = (Array.isArray(raw) ? raw : [raw]).filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase());
  return types.some((t) => ARTICLE_TYPES.has(t) && (allowWebPage || t !== 'webpage'));
}

function readPersonName(value: unknown): string | null {
  if (Array.isArray(value)) {
    const names = value.map(readPersonName).filter((name): name is string => name !== null);
    return names.length > 0 ? names.join(', ') : null;
  }
  if (isObject(value)) return readString(value.name);
  return readString(value);
}

function readImageUrl(value: unknown): string | null {
  if (Array.isArray(value)) return readImageUrl(value[0]);
  if (isObject(value)) return readString(value.url) ?? readString(value.contentUrl);
  return readString(value);
}

function readString(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = collapseWhitespace(value);
  return text === '' ? null : text;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
