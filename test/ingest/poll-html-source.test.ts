// HTML sources and full text through the real poll path: a fixture press site on 127.0.0.1, a parsed config, the
// sources table, pollDueSources and the items table, on every database kind.
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { findSourceByKey, syncSources } from '../../src/db/sources.repo.js';
import { pollDueSources } from '../../src/ingest/poll-run.js';
import type { PollDeps } from '../../src/ingest/poll-source.js';
import { htmlToPlainText } from '../../src/ingest/sanitize.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { createTestFetcher, htmlPage, readHtmlFixture, startFixtureSite } from './html/fixture-site.js';
import type { FixtureSite, Page } from './html/fixture-site.js';

interface ExpectedArticle {
  title: string;
  publishedAt: string;
  author: string;
  summary: string;
  bodyText: string;
}

/** Article paths on the fixture site, each served from a fixture page with a `.expected.json` beside it. */
const ARTICLES: Record<string, string> = {
  '/chinh-tri/cong-tac-thong-tin-doi-ngoai.html': 'antd-bullet-date',
  '/giao-thong/ra-quan-dip-he.html': 'antd-inline-bullets',
  '/giao-thong/buyt-nhanh-thu-hai.html': 'vne-weekday-date',
  '/kinh-doanh/gia-xang-giam.htm': 'jsonld-only',
  '/chinh-sach/nghi-dinh-chat-thai-ran.htm': 'meta-only',
};
const ARTICLE_PATHS = Object.keys(ARTICLES);
const FURNITURE = /bình luận|In bài|Tin cùng chuyên mục|Chia sẻ|Zalo|Facebook/;
/** Captions the pages print twice (figcaption + a caption paragraph); the stored text must carry them once. */
const CAPTIONS = ['Quang cảnh hội nghị sơ kết công tác thông tin đối ngoại', 'Lực lượng Cảnh sát giao thông ra quân tại khu vực hồ Hoàn Kiếm'];
const LINKS_SELECTOR = '.list-news .story a';

function readExpected(path: string): ExpectedArticle {
  return JSON.parse(readHtmlFixture(`${ARTICLES[path]}.expected.json`)) as ExpectedArticle;
}

function buildSitePages(robots = 'User-agent: *\nDisallow: /noi-bo/\n'): Record<string, Page> {
  const pages: Record<string, Page> = {
    '/robots.txt': { body: robots },
    '/chinh-tri': htmlPage('listing-layouts.html'),
    '/lien-he.html': htmlPage('not-article-contact.html'),
  };
  for (const [path, name] of Object.entries(ARTICLES)) pages[path] = htmlPage(`${name}.html`);
  return pages;
}

function htmlSourceYaml(siteUrl: string, options: { links?: string; allowPrivateNetwork?: boolean } = {}): string {
  const allow = options.allowPrivateNetwork === false ? '' : ', allowPrivateNetwork: true';
  return `  - { key: antd, name: "ANTĐ", url: "${siteUrl}/chinh-tri", type: html${allow}, selectors: { links: "${options.links ?? LINKS_SELECTOR}" } }\n`;
}

function fullTextSourceYaml(siteUrl: string, options: { allowPrivateNetwork?: boolean } = {}): string {
  const allow = options.allowPrivateNetwork === false ? '' : ', allowPrivateNetwork: true';
  return `  - { key: tin, name: "Tin", url: "${siteUrl}/rss", fullText: true${allow} }\n`;
}

interface FeedEntry {
  guid: string;
  path: string;
  title: string;
}

function rss(siteUrl: string, entries: FeedEntry[]): Page {
  const items = entries
    .map((e) => `<item><title>${e.title}</title><link>${siteUrl}${e.path}?utm_source=rss</link><guid isPermaLink="false">${e.guid}</guid>` +
      `<description>Tóm tắt: ${e.title}</description><pubDate>Fri, 28 Jul 2017 14:30:00 +0700</pubDate></item>`)
    .join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title><link>${siteUrl}/</link>${items}</channel></rss>`;
  return { body, contentType: 'application/rss+xml; charset=utf-8' };
}

const FEED_ENTRIES: FeedEntry[] = [
  { guid: 'a1', path: '/chinh-tri/cong-tac-thong-tin-doi-ngoai.html', title: 'Thông tin đối ngoại góp phần phát triển Thủ đô' },
  { guid: 'a2', path: '/giao-thong/ra-quan-dip-he.html', title: 'Hà Nội ra quân bảo đảm an toàn giao thông dịp hè' },
];

function countOf(list: string[], value: string): number {
  return list.filter((entry) => entry === value).length;
}

function countOccurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe.each(dbKinds)('polling HTML sources and full text on %s', (kind) => {
  let testDb: TestDb;
  let site: FixtureSite;
  let fetcher: ReturnType<typeof createTestFetcher>;
  afterEach(async () => {
    await fetcher?.close();
    await site?.close();
    await testDb?.dispose();
  });

  /** Starts the site, then syncs the sources `buildYaml` writes for its URL; returns a poll of every source. */
  async function setUp(pages: Record<string, Page>, buildYaml: (siteUrl: string) => string) {
    testDb = await createTestDb(kind);
    site = await startFixtureSite(pages);
    fetcher = createTestFetcher();
    const config = parseConfig(`sources:\n${buildYaml(site.url)}`);
    await syncSources(testDb.db, config, new Date());
    let clock = new Date('2017-07-29T03:00:00Z');
    const deps: PollDeps = { db: testDb.db, fetcher, config, instanceId: 'test', now: () => clock };
    const pollAll = (options: { refetch?: boolean } = {}) => {
      clock = new Date(clock.getTime() + 60_000);
      return pollDueSources({ ...deps, refetchArticles: options.refetch }, { keys: config.sources.map((s) => s.key) });
    };
    return { pollAll };
  }

  // Sorted here, not in SQL: the server's collation may order punctuation differently from JavaScript.
  const readItems = async () => (await testDb.db.selectFrom('items').selectAll().execute()).sort((a, b) => (a.url! < b.url! ? -1 : 1));

  it('fetches known articles again only when asked, and rewrites their items in place', async () => {
    const { pollAll } = await setUp(buildSitePages(), (url) => htmlSourceYaml(url));
    await pollAll();
    const [path] = ARTICLE_PATHS;
    const before = (await readItems()).find((row) => row.url === `${site.url}${path}`)!;
    // The publisher rewrites the article page: an ordinary poll does not see it, a refetch does.
    site.pages.set(path!, htmlPage('vne-weekday-date.html'));
    site.requests.length = 0;
    await pollAll();
    expect(countOf(site.requests, path!)).toBe(0);
    expect(await pollAll({ refetch: true })).toEqual([{ sourceKey: 'antd', status: 'stored', newItems: 0, updatedItems: 1, unchangedItems: 4 }]);
    for (const articlePath of ARTICLE_PATHS) expect(countOf(site.requests, articlePath)).toBe(1);
    const after = (await readItems()).find((row) => row.id === before.id)!;
    expect(after.title).toBe(readExpected('/giao-thong/buyt-nhanh-thu-hai.html').title);
    expect(await readItems()).toHaveLength(5);
  });

  it('replaces a full-text item body on a refetch, and only then', async () => {
    const { pollAll } = await setUp(buildSitePages(), (url) => fullTextSourceYaml(url));
    site.pages.set('/rss', rss(site.url, FEED_ENTRIES));
    await pollAll();
    const path = FEED_ENTRIES[0]!.path;
    const item = async () => (await readItems()).find((row) => row.url === `${site.url}${path}`)!;
    const original = await item();
    expect(htmlToPlainText(original.content_html)).toBe(readExpected(path).bodyText);
    site.pages.set(path, htmlPage('vne-weekday-date.html'));
    await pollAll();
    expect((await item()).content_html).toBe(original.content_html);
    await pollAll({ refetch: true });
    const rewritten = await item();
    expect(rewritten.id).toBe(original.id);
    // The feed keeps its title; the body is the new article's.
    expect(rewritten.title).toBe(original.title);
    expect(htmlToPlainText(rewritten.content_html)).toBe(readExpected('/giao-thong/buyt-nhanh-thu-hai.html').bodyText);
  });

  it('stores one clean item per article of the listing, then fetches no article again', async () => {
    const { pollAll } = await setUp(buildSitePages(), (url) => htmlSourceYaml(url));
    expect(await pollAll()).toEqual([{ sourceKey: 'antd', status: 'stored', newItems: 5, updatedItems: 0, unchangedItems: 0 }]);

    const rows = await readItems();
    expect(rows.map((row) => row.url)).toEqual(ARTICLE_PATHS.map((path) => `${site.url}${path}`).sort());
    for (const row of rows) {
      const want = readExpected(new URL(row.url!).pathname);
      expect(row).toMatchObject({ title: want.title, author: want.author, summary: want.summary, date_missing: false, guid: null });
      expect(row.published_at.toISOString()).toBe(want.publishedAt);
      expect(htmlToPlainText(row.content_html)).toBe(want.bodyText);
      expect(row.content_html).not.toMatch(FURNITURE);
      expect(row.summary).not.toMatch(FURNITURE);
    }
    const allText = rows.map((row) => htmlToPlainText(row.content_html)).join('\n');
    for (const caption of CAPTIONS) expect(countOccurrences(allText, caption)).toBe(1);
    for (const path of ARTICLE_PATHS) expect(countOf(site.requests, path)).toBe(1);

    site.requests.length = 0;
    expect(await pollAll()).toEqual([{ sourceKey: 'antd', status: 'stored', newItems: 0, updatedItems: 0, unchangedItems: 0 }]);
    // Known articles and the page that was no article are not fetched again, nor robots.txt (kept for a day): only
    // the listing.
    expect([...site.requests].sort()).toEqual(['/chinh-tri']);
    expect(await readItems()).toHaveLength(5);
    expect(await findSourceByKey(testDb.db, 'antd')).toMatchObject({ last_error_code: null, error_streak: 0 });
  });

  it('fetches an article that failed last time on the next poll, even when the listing answers 304', async () => {
    const failing = '/giao-thong/buyt-nhanh-thu-hai.html';
    const pages = { ...buildSitePages(), '/chinh-tri': { ...htmlPage('listing-layouts.html'), etag: '"v1"' }, [failing]: { status: 503, body: 'busy' } };
    const { pollAll } = await setUp(pages, (url) => htmlSourceYaml(url));
    expect(await pollAll()).toEqual([{ sourceKey: 'antd', status: 'stored', newItems: 4, updatedItems: 0, unchangedItems: 0 }]);

    site.pages.set(failing, htmlPage('vne-weekday-date.html'));
    expect(await pollAll()).toEqual([{ sourceKey: 'antd', status: 'stored', newItems: 1, updatedItems: 0, unchangedItems: 0 }]);
    expect((await readItems()).find((row) => row.url === `${site.url}${failing}`)?.title).toBe(readExpected(failing).title);
    // Nothing left undone: the listing's validators are kept and the next poll is a 304.
    expect(await pollAll()).toEqual([{ sourceKey: 'antd', status: 'not-modified' }]);
  });

  it('records a listing selector that matches nothing on the source and stores nothing', async () => {
    const { pollAll } = await setUp(buildSitePages(), (url) => htmlSourceYaml(url, { links: '.list a' }));
    const message = `extract: selector \`.list a\` matched nothing on ${site.url}/chinh-tri`;
    expect(await pollAll()).toEqual([{ sourceKey: 'antd', status: 'error', code: 'selector-matched-nothing', message }]);
    const source = await findSourceByKey(testDb.db, 'antd');
    expect(source).toMatchObject({ last_error_code: 'selector-matched-nothing', last_error_message: message, error_streak: 1 });
    expect(await readItems()).toEqual([]);
    expect([...site.requests].sort()).toEqual(['/chinh-tri', '/robots.txt']);
  });

  it('stores not even the good articles when most articles of a poll fail to extract', async () => {
    const pages = buildSitePages();
    for (const path of ARTICLE_PATHS.slice(1)) pages[path] = htmlPage('not-article-section.html');
    const { pollAll } = await setUp(pages, (url) => htmlSourceYaml(url));
    const [outcome] = await pollAll();
    expect(outcome).toMatchObject({ status: 'error', code: 'extraction-failed' });
    expect((await findSourceByKey(testDb.db, 'antd'))?.last_error_message).toMatch(/^extract: extraction failed on 5 of 6 articles from http:\/\/127\.0\.0\.1:\d+\/chinh-tri /);
    expect(await readItems()).toEqual([]);
  });

  it('refuses an HTML source on a private address unless it allows private networks', async () => {
    const { pollAll } = await setUp(buildSitePages(), (url) => htmlSourceYaml(url, { allowPrivateNetwork: false }));
    const [outcome] = await pollAll();
    expect(outcome).toMatchObject({ sourceKey: 'antd', status: 'error', code: 'private-address' });
    expect((await findSourceByKey(testDb.db, 'antd'))?.last_error_code).toBe('private-address');
    expect(site.requests).toEqual([]);
    expect(await readItems()).toEqual([]);
  });

  it('keeps the feed teaser when a full-text article sits on a private address the source does not allow', async () => {
    const { pollAll } = await setUp(buildSitePages(), (url) => fullTextSourceYaml(url, { allowPrivateNetwork: false }));
    site.pages.set('/rss', rss(site.url, FEED_ENTRIES));
    expect(await pollAll()).toEqual([{ sourceKey: 'tin', status: 'stored', newItems: 2, updatedItems: 0, unchangedItems: 0 }]);
    const rows = await readItems();
    expect(rows.map((row) => htmlToPlainText(row.content_html))).toEqual(FEED_ENTRIES.map((e) => `Tóm tắt: ${e.title}`));
    expect(site.requests).toEqual(['/rss']);
  });

  it('stores the full article for a feed item, fetched once, and keeps it when the teaser changes', async () => {
    const { pollAll } = await setUp(buildSitePages(), (url) => fullTextSourceYaml(url));
    site.pages.set('/rss', rss(site.url, FEED_ENTRIES));
    expect(await pollAll()).toEqual([{ sourceKey: 'tin', status: 'stored', newItems: 2, updatedItems: 0, unchangedItems: 0 }]);
    const first = await readItems();
    expect(first.map((row) => row.guid)).toEqual(['a1', 'a2']);
    first.forEach((row, index) => {
      const entry = FEED_ENTRIES[index]!;
      const want = readExpected(entry.path);
      expect(row).toMatchObject({ url: `${site.url}${entry.path}`, title: entry.title, author: want.author, summary: `Tóm tắt: ${entry.title}` });
      expect(htmlToPlainText(row.content_html)).toBe(want.bodyText);
      expect(row.content_html).not.toMatch(FURNITURE);
    });

    const edited = { ...FEED_ENTRIES[0]!, title: 'Công tác thông tin đối ngoại góp phần phát triển Thủ đô' };
    site.pages.set('/rss', rss(site.url, [edited, FEED_ENTRIES[1]!]));
    expect(await pollAll()).toEqual([{ sourceKey: 'tin', status: 'stored', newItems: 0, updatedItems: 1, unchangedItems: 1 }]);
    const second = await readItems();
    expect(second[0]).toMatchObject({ id: first[0]!.id, title: edited.title, summary: `Tóm tắt: ${edited.title}` });
    expect(second[0]).toMatchObject({ content_html: first[0]!.content_html, author: first[0]!.author, image_url: first[0]!.image_url });
    expect(second[1]).toEqual(first[1]);

    expect(await pollAll()).toEqual([{ sourceKey: 'tin', status: 'stored', newItems: 0, updatedItems: 0, unchangedItems: 2 }]);
    for (const entry of FEED_ENTRIES) expect(countOf(site.requests, entry.path)).toBe(1);
  });

  it('neither fetches nor stores the articles robots.txt disallows', async () => {
    const { pollAll } = await setUp(buildSitePages('User-agent: *\nDisallow: /giao-thong/\n'), (url) => htmlSourceYaml(url));
    expect(await pollAll()).toEqual([{ sourceKey: 'antd', status: 'stored', newItems: 3, updatedItems: 0, unchangedItems: 0 }]);
    const allowed = ARTICLE_PATHS.filter((path) => !path.startsWith('/giao-thong/'));
    expect((await readItems()).map((row) => row.url)).toEqual(allowed.map((path) => `${site.url}${path}`).sort());
    expect(site.requests.filter((path) => path.startsWith('/giao-thong/'))).toEqual([]);
  });

  it('keeps the teaser of a full-text feed item whose article robots.txt disallows', async () => {
    const { pollAll } = await setUp(buildSitePages('User-agent: bantin\nDisallow: /giao-thong/\n'), (url) => fullTextSourceYaml(url));
    site.pages.set('/rss', rss(site.url, FEED_ENTRIES));
    expect(await pollAll()).toEqual([{ sourceKey: 'tin', status: 'stored', newItems: 2, updatedItems: 0, unchangedItems: 0 }]);
    const [full, teaser] = await readItems();
    expect(htmlToPlainText(full!.content_html)).toBe(readExpected(FEED_ENTRIES[0]!.path).bodyText);
    expect(htmlToPlainText(teaser!.content_html)).toBe(`Tóm tắt: ${FEED_ENTRIES[1]!.title}`);
    expect(site.requests.filter((path) => path.startsWith('/giao-thong/'))).toEqual([]);
  });
});
