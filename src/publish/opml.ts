// OPML 2.0 subscription list of the enabled sources (http://opml.org/spec2.opml).
import { el, renderXmlDocument } from './xml-writer.js';

/** A source as listed in the OPML file. */
export interface OpmlSource {
  key: string;
  name: string;
  /** The feed URL. */
  url: string;
  siteUrl: string | null;
  topics: string[];
}

/** Builds the OPML document; outlines keep the given order. */
export function buildOpml(title: string, sources: readonly OpmlSource[]): string {
  const outlines = sources.map((source) =>
    el('outline', {
      type: 'rss',
      text: source.name,
      title: source.name,
      xmlUrl: source.url,
      htmlUrl: source.siteUrl,
      // OPML categories are comma-separated, slash-delimited paths.
      category: source.topics.length > 0 ? source.topics.map((topic) => `/${topic}`).join(',') : null,
    }),
  );
  const root = el(
    'opml',
    { version: '2.0' },
    el('head', {}, el('title', {}, title), el('docs', {}, 'http://opml.org/spec2.opml')),
    el('body', {}, outlines),
  );
  return renderXmlDocument(root);
}
