// Full text for feed sources with `fullText: true`: each new item's teaser is replaced by its extracted article.
import pLimit from 'p-limit';
import type { CollectContext, NormalizedItem } from '../types.js';
import type { ExtractedArticle } from './extract-article.js';
import { fetchArticle } from './fetch-article.js';
import type { ArticleFetchDeps } from './fetch-article.js';
import { readHtmlSettings } from './html-settings.js';
import { createRobotsPolicy } from './robots.js';

const ARTICLE_CONCURRENCY = 2;

/**
 * Fetches the article of every item whose URL the source has not stored yet and puts its text in the item.
 * Known URLs are not fetched again; an article that cannot be fetched or extracted leaves its item as the feed gave it.
 */
export async function enrichWithFullText(ctx: CollectContext, items: NormalizedItem[]): Promise<NormalizedItem[]> {
  const { source, fetcher } = ctx;
  const { selectors, allowPrivateNetwork } = readHtmlSettings(source);
  const urls = items.map((item) => item.url).filter((url): url is string => url !== null);
  const known = urls.length === 0 ? new Set<string>() : await ctx.findKnownUrls(urls);
  const deps: ArticleFetchDeps = {
    fetcher,
    robots: createRobotsPolicy(fetcher, { allowPrivateNetwork, now: ctx.now }),
    siteUrl: source.url,
    allowPrivateNetwork,
    timezone: source.timezone,
    selectors,
  };
  const limit = pLimit(ARTICLE_CONCURRENCY);
  const fetched = new Map<string, Promise<ExtractedArticle | null>>();
  return Promise.all(
    items.map(async (item) => {
      if (item.url === null || known.has(item.url)) return item;
      const url = item.url;
      // A feed listing one URL twice still costs one fetch.
      let article = fetched.get(url);
      if (article === undefined) {
        article = limit(() => fetchExtracted(url, deps));
        fetched.set(url, article);
      }
      const extracted = await article;
      return extracted === null ? item : mergeArticle(item, extracted);
    }),
  );
}

async function fetchExtracted(url: string, deps: ArticleFetchDeps): Promise<ExtractedArticle | null> {
  const outcome = await fetchArticle(url, deps);
  return outcome.kind === 'extracted' ? outcome.article : null;
}

/** The feed stays authoritative for title and date; the article supplies the body and fills what the feed lacked. */
function mergeArticle(item: NormalizedItem, article: ExtractedArticle): NormalizedItem {
  const useArticleDate = item.dateMissing && article.publishedAt !== null;
  return {
    ...item,
    title: item.title === '' ? article.title : item.title,
    summary: item.summary === '' ? article.summary : item.summary,
    contentHtml: article.contentHtml,
    author: item.author ?? article.author,
    imageUrl: item.imageUrl ?? article.imageUrl,
    publishedAt: useArticleDate && article.publishedAt !== null ? article.publishedAt : item.publishedAt,
    dateMissing: item.dateMissing && !useArticleDate,
  };
}
