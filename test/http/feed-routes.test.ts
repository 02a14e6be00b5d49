import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { readSettings } from '../../src/config/settings.js';
import { createHttpApp, startHttpServer, type RunningHttpServer } from '../../src/http/server.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { assignSeededStories, seedItem, seedSource } from '../support/seed.js';

const PUBLIC_URL = 'https://bantin.example';
const parser = new Parser();
const HOSTILE_TITLES = ['two ]]> ends ]]> & <b>bold</b>', 'Tom &amp; "Jerry" \'s', 'Hà Nội mưa to 🌧️ ngập\u0007 đường'];

const at = (hour: number, minute = 0) => new Date(Date.UTC(2026, 10, 29, hour, minute));

interface Seeded {
  /** Titles of the all-feed in order, newest first. */
  allTitles: string[];
  newestUpdate: Date;
}

async function seedFeeds(testDb: TestDb): Promise<Seeded> {
  const { db } = testDb;
  const vne = await seedSource(db, { key: 'vne', name: 'VnExpress – Thời sự', site_url: 'https://vnexpress.example/', topics: ['thoi-su'] });
  const ndan = await seedSource(db, { key: 'ndan', name: 'Báo "Nhân Dân" & <Co>', url: 'https://nhandan.example/rss?a=1&b=2', topics: ['chinh-tri', 'kinh-te'] });
  const old = await seedSource(db, { key: 'old', name: 'Old', enabled: false, disabled_reason: 'removed from config' });
  await seedSource(db, { key: 'gone', name: 'Gone', enabled: false });
  await seedSource(db, { key: 'empty', name: 'Empty' });
  await seedItem(db, old.id, { title: 'from a disabled source', published_at: at(12) });
  // Disabled, so it stays out of the merged feed and the OPML, yet its own feed still serves its 55 items.
  const bulk = await seedSource(db, { key: 'bulk', name: 'Bulk', enabled: false });
  for (let index = 0; index < 55; index += 1) await seedItem(db, bulk.id, { title: `bulk ${index}`, published_at: new Date(Date.UTC(2025, 0, 1, 0, index)) });
  await seedItem(db, vne.id, { title: 'vne 1', published_at: at(1), url: 'https://vnexpress.example/1.html', author: 'Lan' });
  // Two items at the same instant: order falls back to id desc, and paging must not skip or repeat one.
  await seedItem(db, vne.id, { title: 'vne tie a', published_at: at(3) });
  await seedItem(db, vne.id, { title: 'vne tie b', published_at: at(3), updated_at: at(9, 30) });
  await seedItem(db, ndan.id, { title: HOSTILE_TITLES[0], published_at: at(4), content_html: '<p>x ]]&gt; &amp; y</p>', categories: ['Thời sự', 'a<b'] });
  await seedItem(db, ndan.id, { title: HOSTILE_TITLES[1], published_at: at(2) });
  await seedItem(db, ndan.id, { title: HOSTILE_TITLES[2], published_at: at(5), summary: 'Tóm tắt <ngắn> & gọn' });
  const cleaned = HOSTILE_TITLES[2]!.replace('\u0007', '');
  return { allTitles: [cleaned, HOSTILE_TITLES[0]!, 'vne tie b', 'vne tie a', HOSTILE_TITLES[1]!, 'vne 1'], newestUpdate: at(9, 30) };
}

describe.each(dbKinds)('feed routes on %s', (kind) => {
  let testDb: TestDb;
  let server: RunningHttpServer;
  let seeded: Seeded;
  let base: string;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    seeded = await seedFeeds(testDb);
    const config = configSchema.parse({});
    // /feeds/all is one entry per story: file the seeded items as a poll would.
    await assignSeededStories(testDb.db, config, seeded.newestUpdate);
    const settings = readSettings({}, { publicUrl: PUBLIC_URL });
    server = await startHttpServer(createHttpApp({ db: testDb.db, config, settings }), 0, '127.0.0.1');
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.dispose();
  });

  it.each([
    ['rss', 'application/rss+xml; charset=utf-8'],
    ['atom', 'application/atom+xml; charset=utf-8'],
  ])('serves /feeds/all.%s with every enabled source, newest first, titles exact', async (format, contentType) => {
    const response = await get(`/feeds/all.${format}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(response.headers.get('last-modified')).toBe(seeded.newestUpdate.toUTCString());
    const feed = await parser.parseString(await response.text());
    expect(feed.title).toBe('bantin — tất cả');
    expect(feed.items.map((item) => item.title)).toEqual(seeded.allTitles);
    // One entry per story (each seeded item is its own story here).
    expect(feed.items.every((item) => /^urn:bantin:story:\d+$/.test(item.guid ?? item.id))).toBe(true);
  });

  it('serves JSON Feed 1.1 with the same entries and the outlet', async () => {
    const response = await get('/feeds/all.json');
    expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const document = await response.json();
    expect(document.version).toBe('https://jsonfeed.org/version/1.1');
    expect(document.feed_url).toBe(`${PUBLIC_URL}/feeds/all.json`);
    expect(document.items.map((item: { title: string }) => item.title)).toEqual(seeded.allTitles);
    const hostile = document.items[1];
    expect(hostile.content_html).toBe('<p>x ]]&gt; &amp; y</p>');
    // The merged feed's categories are the story's topics (none in this config); a source feed keeps the item's own.
    expect(hostile.tags).toBeUndefined();
    const sourceFeed = await (await get('/feeds/sources/ndan.json')).json();
    expect(sourceFeed.items.find((item: { title: string }) => item.title === HOSTILE_TITLES[0]).tags).toEqual(['Thời sự', 'a<b']);
    expect(hostile._bantin.source).toEqual({ name: 'Báo "Nhân Dân" & <Co>', feed_url: 'https://nhandan.example/rss?a=1&b=2', home_page_url: null });
    expect(document.items.at(-1).authors).toEqual([{ name: 'Lan (VnExpress – Thời sự)', url: 'https://vnexpress.example/' }]);
  });

  it('answers 304 with no body to a matching If-None-Match, weak or in a list', async () => {
    const first = await get('/feeds/all.atom');
    const etag = first.headers.get('etag')!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
      const response = await get('/feeds/all.atom', { 'If-None-Match': ifNoneMatch });
      expect(response.status).toBe(304);
      expect(response.headers.get('etag')).toBe(etag);
      expect(await response.text()).toBe('');
    }
    const stale = await get('/feeds/all.atom', { 'If-None-Match': '"nope"', 'If-Modified-Since': 'Tue, 01 Dec 2026 00:00:00 GMT' });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(await first.text());
  });

  it('answers 304 to If-Modified-Since at or after Last-Modified, 200 before it', async () => {
    const lastModified = seeded.newestUpdate.toUTCString();
    expect((await get('/feeds/all.rss', { 'If-Modified-Since': lastModified })).status).toBe(304);
    const earlier = new Date(seeded.newestUpdate.getTime() - 1000).toUTCString();
    expect((await get('/feeds/all.rss', { 'If-Modified-Since': earlier })).status).toBe(200);
  });

  it('gives each format its own ETag, stable across requests', async () => {
    const tags = await Promise.all(['rss', 'atom', 'json', 'rss'].map(async (format) => (await get(`/feeds/all.${format}`)).headers.get('etag')));
    expect(new Set(tags).size).toBe(3);
    expect(tags[0]).toBe(tags[3]);
  });

  it('honours limit and rejects bad values with 400', async () => {
    const two = await (await get('/feeds/all.json?limit=2')).json();
    expect(two.items.map((item: { title: string }) => item.title)).toEqual(seeded.allTitles.slice(0, 2));
    for (const limit of ['0', '201', 'abc', '-3', '']) {
      const response = await get(`/feeds/all.rss?limit=${limit}`);
      expect(response.status).toBe(400);
      expect(await response.text()).toBe(`invalid limit "${limit}": use a whole number from 1 to 200`);
    }
  });

  it('serves 50 entries by default and up to 200 on request', async () => {
    const byDefault = await (await get('/feeds/sources/bulk.json')).json();
    expect(byDefault.items).toHaveLength(50);
    expect(byDefault.items[0].title).toBe('bulk 54');
    expect(byDefault.next_url).toBe(`${PUBLIC_URL}/feeds/sources/bulk.json?before=2025-01-01T00:05:00.000Z~${byDefault.items[49].id.split(':').at(-1)}`);
    const all = await (await get('/feeds/sources/bulk.json?limit=200')).json();
    expect(all.items).toHaveLength(55);
    expect(all.next_url).toBeUndefined();
  });

  it.each([1, 2, 3])('pages with next links through every entry once, ties included (limit=%i)', async (limit) => {
    // With limit 1 or 3 the two entries at the same instant land on different pages.
    const titles: string[] = [];
    let url: string | undefined = `${PUBLIC_URL}/feeds/all.json?limit=${limit}`;
    while (url) {
      const page = await (await get(url.slice(PUBLIC_URL.length))).json();
      titles.push(...page.items.map((item: { title: string }) => item.title));
      url = page.next_url;
    }
    expect(titles).toEqual(seeded.allTitles);
  });

  it('returns only entries strictly older than a ?before date', async () => {
    const page = await (await get(`/feeds/all.json?before=${encodeURIComponent(at(3).toISOString())}`)).json();
    expect(page.items.map((item: { title: string }) => item.title)).toEqual(seeded.allTitles.slice(4));
    const bad = await get('/feeds/all.json?before=yesterday');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/^invalid before "yesterday"/);
  });

  it('serves one source under its own name and self link', async () => {
    const response = await get('/feeds/sources/vne.atom');
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xml).toContain(`<link rel="self" type="application/atom+xml" href="${PUBLIC_URL}/feeds/sources/vne.atom"/>`);
    expect(xml).toContain('<link rel="alternate" type="text/html" href="https://vnexpress.example/"/>');
    const feed = await parser.parseString(xml);
    expect(feed.title).toBe('VnExpress – Thời sự');
    expect(feed.items.map((item) => item.title)).toEqual(['vne tie b', 'vne tie a', 'vne 1']);
  });

  it('keeps serving a disabled source that has items, and an enabled one that has none', async () => {
    const old = await parser.parseString(await (await get('/feeds/sources/old.rss')).text());
    expect(old.items.map((item) => item.title)).toEqual(['from a disabled source']);
    const empty = await get('/feeds/sources/empty.json');
    expect(empty.status).toBe(200);
    expect(empty.headers.get('last-modified')).toBeNull();
    expect((await empty.json()).items).toEqual([]);
  });

  it.each([
    ['/feeds/sources/nope.rss', 'unknown source "nope"'],
    ['/feeds/sources/gone.rss', 'unknown source "gone"'],
    ['/feeds/all.xml', 'unknown feed format "xml"; use rss, atom or json'],
    ['/feeds/sources/vne.xml', 'unknown feed format "xml"; use rss, atom or json'],
    ['/feeds/all', 'unknown feed format ""; use rss, atom or json'],
    ['/feeds/everything.rss', 'unknown feed "everything"'],
  ])('answers 404 to %s', async (path, message) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(message);
  });

  it('lists the enabled sources in OPML 2.0, escaped, with ETag revalidation', async () => {
    const response = await get('/opml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    const xml = await response.text();
    expect([...xml.matchAll(/xmlUrl="([^"]*)"/g)].map((match) => match[1])).toEqual([
      'https://empty.example/rss',
      'https://nhandan.example/rss?a=1&amp;b=2',
      'https://vne.example/rss',
    ]);
    expect(xml).toContain('text="Báo &quot;Nhân Dân&quot; &amp; &lt;Co&gt;"');
    expect(xml).toContain('htmlUrl="https://vnexpress.example/" category="/thoi-su"/>');
    expect(xml).toContain('category="/chinh-tri,/kinh-te"');
    const again = await get('/opml', { 'If-None-Match': response.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('answers HEAD like GET without a body', async () => {
    const response = await fetch(`${base}/feeds/all.rss`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"/);
    expect(await response.text()).toBe('');
  });
});
