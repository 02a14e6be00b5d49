import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../src/config/settings.js';
import { registerFeedRoutes } from '../../src/http/feed-routes.js';
import { startHttpServer, type RunningHttpServer } from '../../src/http/server.js';
import { registerStoryFeedRoutes } from '../../src/http/story-feed-routes.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { buildTestConfig, makeItem, pollItems, seedSources } from './store-helpers.js';

const now = new Date('2026-11-26T10:00:00Z');
const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

describe.each(dbKinds)('story feeds on %s', (kind) => {
  let testDb: TestDb;
  let server: RunningHttpServer;
  let base: string;
  const get = async (path: string) => fetch(`${base}${path}`);

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    const config = buildTestConfig();
    const sources = await seedSources(testDb.db, config, now);
    const release = {
      title: 'Giá xăng giảm từ 15h chiều nay',
      summary: 'Liên Bộ Công Thương - Tài chính điều chỉnh giá bán lẻ xăng dầu từ 15h ngày 26/11, xăng RON95 giảm 420 đồng, còn 20.150 đồng mỗi lít.',
    };
    await pollItems(testDb.db, sources.vnexpress!, [
      makeItem({ ...release, title: `${release.title} - VnExpress`, url: 'https://vnexpress.net/xang.html', publishedAt: at(0) }),
      makeItem({ title: 'Đội tuyển Việt Nam thắng Thái Lan ở vòng loại', summary: 'Cầu thủ Việt Nam ghi hai bàn thắng.', url: 'https://vnexpress.net/bong-da.html', publishedAt: at(2) }),
    ], now, config);
    await pollItems(testDb.db, sources.chinhphu!, [makeItem({ ...release, url: 'https://baochinhphu.vn/xang.htm', publishedAt: at(1) })], now, config);
    await pollItems(testDb.db, sources.dantri!, [makeItem({ ...release, title: 'Gia xang giam <b>tu 15h</b>', url: 'https://dantri.com.vn/xang.htm', publishedAt: at(1.5) })], now, config);
    const app = new Hono();
    const deps = { db: testDb.db, config, settings: readSettings({}, { publicUrl: 'https://bantin.example' }) };
    registerStoryFeedRoutes(app, deps);
    registerFeedRoutes(app, deps);
    server = await startHttpServer(app, 0, '127.0.0.1');
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.dispose();
  });

  it('gives one entry per story with the lead, the other outlets and the topics', async () => {
    const response = await get('/feeds/all.json');
    expect(response.status).toBe(200);
    const feed = (await response.json()) as { items: { id: string; title: string; url: string; content_html?: string; tags?: string[] }[] };
    expect(feed.items.map((i) => i.title)).toEqual(['Đội tuyển Việt Nam thắng Thái Lan ở vòng loại', 'Giá xăng giảm từ 15h chiều nay']);
    const fuel = feed.items[1]!;
    expect(fuel.url).toBe('https://baochinhphu.vn/xang.htm');
    expect(fuel.id).toMatch(/^urn:bantin:story:\d+$/);
    expect(fuel.content_html).toContain('<a href="https://vnexpress.net/xang.html">VnExpress</a>');
    expect(fuel.content_html).toContain('Gia xang giam &lt;b&gt;tu 15h&lt;/b&gt;');
    expect(feed.items[0]!.tags).toEqual(['the-thao']);
  });

  it('pages with ?before= and an Atom rel="next" link', async () => {
    const first = await (await get('/feeds/all.atom?limit=1')).text();
    const next = /<link rel="next"[^>]* href="([^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toMatch(/^https:\/\/bantin\.example\/feeds\/all\.atom\?limit=1&before=.*~\d+$/);
    const nextUrl = new URL(next!);
    const second = await (await get(`${nextUrl.pathname}${nextUrl.search}`)).text();
    expect(second).toContain('Giá xăng giảm từ 15h chiều nay');
    expect(second).not.toContain('Đội tuyển Việt Nam');
  });

  it('serves a topic feed with only that topic and 404 for unknown topics', async () => {
    const sports = (await (await get('/feeds/topics/the-thao.json')).json()) as { items: { title: string }[] };
    expect(sports.items.map((i) => i.title)).toEqual(['Đội tuyển Việt Nam thắng Thái Lan ở vòng loại']);
    expect((await get('/feeds/topics/nope.rss')).status).toBe(404);
    expect((await get('/feeds/topics/the-thao.xml')).status).toBe(404);
  });

  it('leaves the source feeds one entry per item', async () => {
    const body = await (await get('/feeds/sources/vnexpress.rss')).text();
    expect(body.match(/<item>/g)).toHaveLength(2);
  });
});
