import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isBantinError } from '../../../src/errors.js';
import { MAX_ARTICLES_PER_POLL, collectHtmlSourceItems } from '../../../src/ingest/html/collect-html-source.js';
import { htmlToPlainText } from '../../../src/ingest/sanitize.js';
import type { CollectContext, CollectResult, Source } from '../../../src/ingest/types.js';
import { buildSource, createTestFetcher, htmlPage, readHtmlFixture, startFixtureSite } from './fixture-site.js';
import type { FixtureSite, Page } from './fixture-site.js';

const NOW = new Date('2017-07-29T03:00:00Z');
const ROBOTS = 'User-agent: *\nDisallow: /noi-bo/\n';
const SELECTORS = { links: '.list-news .story a', listingDate: '.story-time' };
const ARTICLES: Record<string, string> = {
  '/chinh-tri/cong-tac-thong-tin-doi-ngoai.html': 'antd-bullet-date',
  '/giao-thong/buyt-nhanh-thu-hai.html': 'vne-weekday-date',
  '/kinh-doanh/gia-xang-giam.htm': 'jsonld-only',
  '/chinh-sach/nghi-dinh-chat-thai-ran.htm': 'meta-only',
};

function buildSitePages(): Record<string, Page> {
  const pages: Record<string, Page> = {
    '/robots.txt': { body: ROBOTS },
    '/chinh-tri': htmlPage('listing.html'),
    '/lien-he.html': htmlPage('not-article-contact.html'),
    '/noi-bo/thong-bao.html': htmlPage('antd-bullet-date.html'),
  };
  for (const [path, name] of Object.entries(ARTICLES)) pages[path] = htmlPage(`${name}.html`);
  return pages;
}

function buildContext(source: Source, known: Set<string> = new Set()): CollectContext {
  return { source, fetcher, now: NOW, findKnownUrls: async (urls) => new Set(urls.filter((url) => known.has(url))) };
}

async function collectExpectingError(ctx: CollectContext): Promise<Error> {
  const error = await collectHtmlSourceItems(ctx).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error('expected the collect step to fail');
  return error;
}

function itemsOf(result: CollectResult) {
  if (result.kind !== 'items') throw new Error(`expected items, got ${result.kind}`);
  return result;
}

const fetcher = createTestFetcher();
let site: FixtureSite;

afterEach(async () => {
  await site?.close();
});

afterAll(async () => {
  await fetcher.close();
});

describe('collectHtmlSourceItems', () => {
  it('turns a listing into one clean item per same-site article, fetching each once', async () => {
    site = await startFixtureSite(buildSitePages());
    const result = itemsOf(await collectHtmlSourceItems(buildContext(buildSource(`${site.url}/chinh-tri`, { selectors: SELECTORS }))));

    const expected = Object.values(ARTICLES).map((name) => JSON.parse(readHtmlFixture(`${name}.expected.json`)) as Record<string, string | null>);
    expect(result.items.map((item) => item.url)).toEqual(Object.keys(ARTICLES).map((path) => `${site.url}${path}`));
    result.items.forEach((item, index) => {
      const want = expected[index]!;
      expect(item.title).toBe(want.title);
      expect(item.publishedAt.toISOString()).toBe(want.publishedAt);
      expect(item.dateMissing).toBe(false);
      expect(item.author).toBe(want.author);
      expect(item.summary).toBe(want.summary);
      expect(htmlToPlainText(item.contentHtml)).toBe(want.bodyText);
      expect(item.contentHtml).not.toMatch(/bình luận|In bài|Tin cùng chuyên mục|Xem thêm/);
    });
    expect(result.skipped).toEqual({ 'off-site': 1, robots: 1, 'no-body': 1 });
    expect(result.fetchState.finalUrl).toBe(`${site.url}/chinh-tri`);

    expect(site.requests.filter((path) => path === '/robots.txt')).toHaveLength(1);
    expect(site.requests).not.toContain('/noi-bo/thong-bao.html');
    for (const path of Object.keys(ARTICLES)) expect(site.requests.filter((p) => p === path)).toHaveLength(1);
  });

  it('does not fetch known articles again, nor a page that was not an article', async () => {
    site = await startFixtureSite(buildSitePages());
    const source = buildSource(`${site.url}/chinh-tri`, { selectors: SELECTORS }, { key: 'second-poll' });
    await collectHtmlSourceItems(buildContext(source));
    const known = new Set(Object.keys(ARTICLES).map((path) => `${site.url}${path}`));
    site.requests.length = 0;

    const second = itemsOf(await collectHtmlSourceItems(buildContext(source, known)));
    expect(second.items).toEqual([]);
    expect(second.skipped).toEqual({ known: 4, 'rejected-before': 1, 'off-site': 1, robots: 1 });
    // robots.txt is kept for a day, so the second poll reads only the listing.
    expect(site.requests.sort()).toEqual(['/chinh-tri']);
  });

  it('skips an article whose link redirects to another site', async () => {
    site = await startFixtureSite(buildSitePages());
    site.pages.set('/giao-thong/buyt-nhanh-thu-hai.html', {
      status: 301,
      body: '',
      headers: { location: `http://localhost:${site.server.port}/elsewhere.html` },
    });
    site.pages.set('/elsewhere.html', htmlPage('vne-weekday-date.html'));
    const result = itemsOf(await collectHtmlSourceItems(buildContext(buildSource(`${site.url}/chinh-tri`, { selectors: SELECTORS }))));
    expect(result.items.map((item) => item.url)).not.toContain(`${site.url}/giao-thong/buyt-nhanh-thu-hai.html`);
    expect(result.items).toHaveLength(3);
    expect(result.skipped).toEqual({ 'off-site': 2, robots: 1, 'no-body': 1 });
  });

  it('fetches at most MAX_ARTICLES_PER_POLL new articles, newest (first listed) first', async () => {
    const total = MAX_ARTICLES_PER_POLL + 5;
    const paths = Array.from({ length: total }, (_, index) => `/tin/bai-${index + 1}.html`);
    const listing = `<html><body><div class="list-news">${paths.map((path) => `<div class="story"><a href="${path}">Bài ${path}</a></div>`).join('')}</div></body></html>`;
    const pages: Record<string, Page> = { '/chinh-tri': { body: listing, contentType: 'text/html' } };
    for (const path of paths) pages[path] = htmlPage('meta-only.html');
    site = await startFixtureSite(pages);
    const result = itemsOf(await collectHtmlSourceItems(buildContext(buildSource(`${site.url}/chinh-tri`, { selectors: SELECTORS }))));
    expect(result.items.map((item) => item.url)).toEqual(paths.slice(0, MAX_ARTICLES_PER_POLL).map((path) => `${site.url}${path}`));
    expect(result.skipped).toEqual({ deferred: 5 });
  });

  it('falls back to the listing date when the article prints none', async () => {
    const pages = buildSitePages();
    pages['/chinh-tri/cong-tac-thong-tin-doi-ngoai.html'] = {
      contentType: 'text/html',
      body: readHtmlFixture('antd-bullet-date.html').replace('<li class="time">28/07/2017 14:30</li>', ''),
    };
    site = await startFixtureSite(pages);
    const result = itemsOf(await collectHtmlSourceItems(buildContext(buildSource(`${site.url}/chinh-tri`, { selectors: { ...SELECTORS, listingDate: '.story-time' } }))));
    expect(result.items[0]?.publishedAt.toISOString()).toBe('2017-07-28T07:30:00.000Z');
  });

  it('records a clear error when the listing selector broke', async () => {
    site = await startFixtureSite(buildSitePages());
    const error = await collectExpectingError(buildContext(buildSource(`${site.url}/chinh-tri`, { selectors: { links: '.list a' } })));
    expect(isBantinError(error, 'selector-matched-nothing')).toBe(true);
    expect(error.message).toBe(`extract: selector \`.list a\` matched nothing on ${site.url}/chinh-tri`);
    expect(site.requests.some((path) => path.endsWith('.html'))).toBe(false);
  });

  it('returns no items at all when most articles fail to extract', async () => {
    const pages = buildSitePages();
    pages['/kinh-doanh/gia-xang-giam.htm'] = htmlPage('not-article-section.html');
    pages['/chinh-sach/nghi-dinh-chat-thai-ran.htm'] = htmlPage('not-article-contact.html');
    pages['/giao-thong/buyt-nhanh-thu-hai.html'] = htmlPage('not-article-contact.html');
    site = await startFixtureSite(pages);
    const error = await collectExpectingError(buildContext(buildSource(`${site.url}/chinh-tri`, { selectors: SELECTORS })));
    expect(isBantinError(error, 'extraction-failed')).toBe(true);
    expect(error.message).toBe(`extract: extraction failed on 4 of 5 articles from ${site.url}/chinh-tri (no-body, not-article)`);
  });

  it('refuses a private address unless the source allows it', async () => {
    site = await startFixtureSite(buildSitePages());
    const error = await collectExpectingError(buildContext(buildSource(`${site.url}/chinh-tri`, { selectors: SELECTORS, allowPrivateNetwork: false })));
    expect(isBantinError(error, 'private-address')).toBe(true);
    expect(site.requests).toEqual([]);
  });

  it('does not read a listing that robots.txt disallows', async () => {
    site = await startFixtureSite({ ...buildSitePages(), '/robots.txt': { body: 'User-agent: bantin\nDisallow: /chinh-tri\n' } });
    const error = await collectExpectingError(buildContext(buildSource(`${site.url}/chinh-tri`, { selectors: SELECTORS })));
    expect(isBantinError(error, 'robots-disallowed')).toBe(true);
    expect(site.requests).toEqual(['/robots.txt']);
  });

  it('answers not-modified when the listing has not changed', async () => {
    site = await startFixtureSite({ ...buildSitePages(), '/chinh-tri': { ...htmlPage('listing.html'), etag: '"v1"' } });
    const result = await collectHtmlSourceItems(buildContext(buildSource(`${site.url}/chinh-tri`, { selectors: SELECTORS }, { etag: '"v1"' })));
    expect(result.kind).toBe('not-modified');
    expect(result.fetchState.etag).toBe('"v1"');
    expect(site.requests).toEqual(['/robots.txt', '/chinh-tri']);
  });
});
