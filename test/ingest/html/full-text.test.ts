import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { enrichWithFullText } from '../../../src/ingest/html/full-text.js';
import { htmlToPlainText } from '../../../src/ingest/sanitize.js';
import type { CollectContext, NormalizedItem } from '../../../src/ingest/types.js';
import { buildSource, createTestFetcher, htmlPage, readHtmlFixture, startFixtureSite } from './fixture-site.js';
import type { FixtureSite } from './fixture-site.js';

const NOW = new Date('2017-07-29T03:00:00Z');
const fetcher = createTestFetcher();
let site: FixtureSite;

function buildTeaser(url: string, overrides: Partial<NormalizedItem> = {}): NormalizedItem {
  return {
    guid: url,
    url,
    title: 'Tiêu đề từ feed',
    summary: 'Đoạn giới thiệu ngắn từ feed.',
    contentHtml: '<p>Đoạn giới thiệu ngắn từ feed.</p>',
    author: null,
    imageUrl: null,
    categories: ['Thời sự'],
    publishedAt: new Date('2017-07-28T07:00:00Z'),
    dateMissing: false,
    ...overrides,
  };
}

function buildContext(known: string[], settings: Record<string, unknown> = {}): CollectContext {
  const source = buildSource(`${site.url}/rss/thoi-su.rss`, { fullText: true, ...settings }, { type: 'feed' });
  return { source, fetcher, now: NOW, findKnownUrls: async (urls) => new Set(urls.filter((url) => known.includes(url))) };
}

afterEach(async () => {
  await site?.close();
});

afterAll(async () => {
  await fetcher.close();
});

describe('enrichWithFullText', () => {
  it('replaces the teaser of each new item with its article, once per URL', async () => {
    site = await startFixtureSite({ '/a.html': htmlPage('antd-bullet-date.html'), '/b.html': htmlPage('vne-weekday-date.html') });
    const items = [
      buildTeaser(`${site.url}/a.html`),
      buildTeaser(`${site.url}/b.html`, { dateMissing: true, publishedAt: NOW }),
      buildTeaser(`${site.url}/a.html`, { guid: 'duplicate' }),
    ];
    const enriched = await enrichWithFullText(buildContext([]), items);

    const expectedA = JSON.parse(readHtmlFixture('antd-bullet-date.expected.json')) as { bodyText: string };
    expect(htmlToPlainText(enriched[0]!.contentHtml)).toBe(expectedA.bodyText);
    expect(enriched[0]).toMatchObject({ title: 'Tiêu đề từ feed', summary: 'Đoạn giới thiệu ngắn từ feed.', author: 'Châu Anh', categories: ['Thời sự'] });
    expect(enriched[0]!.publishedAt.toISOString()).toBe('2017-07-28T07:00:00.000Z');
    expect(enriched[1]).toMatchObject({ author: 'Đoàn Loan', dateMissing: false, imageUrl: 'https://i1-vnexpress.vnecdn.net/2017/07/28/buyt-nhanh.jpg' });
    expect(enriched[1]!.publishedAt.toISOString()).toBe('2017-07-28T07:30:00.000Z');
    expect(enriched[2]!.contentHtml).toBe(enriched[0]!.contentHtml);
    expect(site.requests.filter((path) => path === '/a.html')).toHaveLength(1);
  });

  it('keeps the teaser for known, off-site, disallowed, failing and non-article URLs', async () => {
    site = await startFixtureSite({
      '/robots.txt': { body: 'User-agent: *\nDisallow: /rieng/\n' },
      '/known.html': htmlPage('antd-bullet-date.html'),
      '/rieng/a.html': htmlPage('antd-bullet-date.html'),
      '/lien-he.html': htmlPage('not-article-contact.html'),
      '/loi.html': { status: 500, body: 'error' },
    });
    const items = ['/known.html', '/rieng/a.html', '/lien-he.html', '/loi.html', '/missing.html'].map((path) => buildTeaser(`${site.url}${path}`));
    items.push(buildTeaser('https://other.example/a.html'), buildTeaser('', { url: null }));
    const enriched = await enrichWithFullText(buildContext([`${site.url}/known.html`]), items);

    expect(enriched).toEqual(items);
    expect(site.requests.sort()).toEqual(['/lien-he.html', '/loi.html', '/missing.html', '/robots.txt']);
  });

  it('keeps teasers rather than fetch a private address the source does not allow', async () => {
    site = await startFixtureSite({ '/a.html': htmlPage('antd-bullet-date.html') });
    const items = [buildTeaser(`${site.url}/a.html`)];
    expect(await enrichWithFullText(buildContext([], { allowPrivateNetwork: false }), items)).toEqual(items);
    expect(site.requests).toEqual([]);
  });
});
