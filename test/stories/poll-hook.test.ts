import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema, type BantinConfig } from '../../src/config/schema.js';
import { listSourceRows, syncSources, toSource } from '../../src/db/sources.repo.js';
import { createFetcher } from '../../src/ingest/fetch.js';
import { pollSource } from '../../src/ingest/poll-source.js';
import { createStoryHook } from '../../src/stories/assign.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/http-server.js';

// Two outlets' feeds carrying the same government release (one NFD, one with an outlet suffix), plus unrelated news.
const FEEDS: Record<string, string> = {
  '/chinhphu.rss': rss([
    ['Giá xăng giảm từ 15h chiều nay', '(Chinhphu.vn) - Liên Bộ Công Thương - Tài chính điều chỉnh giá bán lẻ xăng dầu từ 15h ngày 26/11, xăng RON95 giảm 420 đồng, còn 20.150 đồng mỗi lít.', 'https://baochinhphu.vn/gia-xang.htm', 'Thu, 26 Nov 2026 15:05:00 +0700'],
  ]),
  '/vnexpress.rss': rss([
    ['Xăng RON95 giảm 420 đồng một lít - VnExpress'.normalize('NFD'), 'Từ 15h hôm nay, mỗi lít xăng RON95 giảm 420 đồng, về 20.150 đồng, theo điều chỉnh của liên Bộ Công Thương - Tài chính.'.normalize('NFD'), 'https://vnexpress.net/xang.html', 'Thu, 26 Nov 2026 15:20:00 +0700'],
    ['Đội tuyển Việt Nam thắng Thái Lan ở vòng loại Asian Cup', 'Đội tuyển Việt Nam thắng Thái Lan 2-1 trên sân Mỹ Đình.', 'https://vnexpress.net/bong-da.html', 'Thu, 26 Nov 2026 21:30:00 +0700'],
  ]),
};

function rss(items: [string, string, string, string][]): string {
  const body = items.map(([t, d, l, p]) => `<item><title><![CDATA[${t}]]></title><description><![CDATA[${d}]]></description><link>${l}</link><guid>${l}</guid><pubDate>${p}</pubDate></item>`);
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title><link>https://x.vn</link>${body.join('')}</channel></rss>`;
}

describe.each(dbKinds)('pollSource with the story hook on %s', (kind) => {
  let testDb: TestDb;
  let server: TestServer;
  let config: BantinConfig;

  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      const feed = FEEDS[req.url ?? ''];
      res.writeHead(feed ? 200 : 404, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(feed ?? '');
    });
    testDb = await createTestDb(kind);
    config = configSchema.parse({
      topics: [{ key: 'kinh-te', name: { vi: 'Kinh tế', en: 'Economy' } }, { key: 'the-thao', name: { vi: 'Thể thao', en: 'Sports' } }],
      sources: [
        { key: 'chinhphu', name: 'Báo Chính phủ', url: `${server.url}/chinhphu.rss`, kind: 'government', allowPrivateNetwork: true },
        { key: 'vnexpress', name: 'VnExpress', url: `${server.url}/vnexpress.rss`, allowPrivateNetwork: true },
      ],
    });
    await syncSources(testDb.db, config, new Date());
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.dispose();
  });

  it('clusters the items pollSource stores, inside its transaction', async () => {
    const fetcher = createFetcher({ timeoutMs: 5000, maxBytes: 1024 * 1024, maxRedirects: 3, userAgent: 'bantin/test', concurrency: 4, perHost: 2 });
    const deps = { db: testDb.db, fetcher, config, instanceId: 'test', now: () => new Date('2026-11-26T09:00:00Z'), afterItemsStored: createStoryHook(config) };
    try {
      for (const row of await listSourceRows(testDb.db)) expect((await pollSource(deps, toSource(row))).status).toBe('stored');
    } finally {
      await fetcher.close();
    }
    const stories = await testDb.db.selectFrom('stories').select(['id', 'title', 'item_count', 'source_count']).orderBy('id').execute();
    expect(stories.map((s) => [s.title, s.item_count, s.source_count])).toEqual([
      ['Giá xăng giảm từ 15h chiều nay', 2, 2],
      ['Đội tuyển Việt Nam thắng Thái Lan ở vòng loại Asian Cup', 1, 1],
    ]);
    const topics = await testDb.db.selectFrom('story_topics').select(['story_id', 'topic_key']).orderBy('story_id').execute();
    expect(topics).toEqual([
      { story_id: stories[0]!.id, topic_key: 'kinh-te' },
      { story_id: stories[1]!.id, topic_key: 'the-thao' },
    ]);
  });
});
