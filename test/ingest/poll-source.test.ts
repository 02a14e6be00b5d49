// The whole poll path against a real HTTP server and a real database: store once, re-poll idempotently, update in
// place, record errors without storing anything half-done.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { findSourceByKey, syncSources } from '../../src/db/sources.repo.js';
import { createFetcher } from '../../src/ingest/fetch.js';
import { pollDueSources } from '../../src/ingest/poll-run.js';
import type { PollDeps } from '../../src/ingest/poll-source.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/http-server.js';

interface FeedItem {
  guid: string;
  title: string;
  description: string;
  pubDate?: string;
}

function rss(items: FeedItem[]): string {
  const body = items
    .map(
      (i) => `<item><title>${i.title}</title><link>https://news.example/${i.guid}.html?utm_source=rss</link>` +
        `<guid isPermaLink="false">${i.guid}</guid><description><![CDATA[${i.description}]]></description>` +
        (i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : '') + `</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin mới</title><link>https://news.example/</link>${body}</channel></rss>`;
}

const ITEMS: FeedItem[] = [
  { guid: 'a1', title: 'Thủ tướng chủ trì phiên họp Chính phủ thường kỳ', description: '<p>Sáng nay, <b>Thủ tướng</b> chủ trì phiên họp.</p>', pubDate: 'Fri, 20 Nov 2026 08:30:00 +0700' },
  { guid: 'a2', title: 'Giá vàng tăng mạnh &amp; vượt đỉnh', description: 'Giá vàng miếng tăng 1 triệu đồng.', pubDate: '20/11/2026 09:15' },
  { guid: 'a3', title: 'Đội tuyển Việt Nam thắng 2-0', description: '<script>alert(1)</script>Trận đấu tối qua.' },
];

/** Serves `state.body` with an ETag, answering 304 when the client already has it. */
function feedHandler(state: { body: string; status?: number; hits: number }) {
  return (req: IncomingMessage, res: ServerResponse) => {
    state.hits += 1;
    if (state.status) {
      res.writeHead(state.status).end('boom');
      return;
    }
    const etag = `"${Buffer.from(state.body).length}-${state.body.length % 97}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag }).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: etag }).end(state.body);
  };
}

/** A port nothing listens on: bound once, then released. */
async function findClosedPort(): Promise<number> {
  const probe = await startTestServer(() => undefined);
  await probe.close();
  return probe.port;
}

describe.each(dbKinds)('pollSource on %s', (kind) => {
  let testDb: TestDb;
  let server: TestServer;
  let fetcher: ReturnType<typeof createFetcher>;
  afterEach(async () => {
    await fetcher?.close();
    await server?.close();
    await testDb?.dispose();
  });

  async function setUp(state: { body: string; status?: number; hits: number }, extraSources = '') {
    testDb = await createTestDb(kind);
    server = await startTestServer(feedHandler(state));
    fetcher = createFetcher({ timeoutMs: 5000, maxBytes: 1 << 20, maxRedirects: 5, userAgent: 'bantin-test', concurrency: 4, perHost: 2 });
    const config = parseConfig(`sources:\n  - { key: tin, name: "Tin", url: "${server.url}/rss" }\n${extraSources}`);
    await syncSources(testDb.db, config, new Date());
    let clock = new Date('2026-11-20T03:00:00Z');
    const deps: PollDeps = { db: testDb.db, fetcher, config, instanceId: 'test', now: () => clock };
    const pollAll = () => pollDueSources(deps, { keys: config.sources.map((s) => s.key) });
    return { deps, pollAll, advance: (ms: number) => (clock = new Date(clock.getTime() + ms)) };
  }

  it('stores new items once, answers 304 as not modified, and updates changed items in place', async () => {
    const state = { body: rss(ITEMS), hits: 0 };
    const { pollAll, advance } = await setUp(state);
    expect(await pollAll()).toEqual([{ sourceKey: 'tin', status: 'stored', newItems: 3, updatedItems: 0, unchangedItems: 0 }]);

    const rows = await testDb.db.selectFrom('items').selectAll().orderBy('guid').execute();
    expect(rows.map((r) => r.title)).toEqual([
      'Thủ tướng chủ trì phiên họp Chính phủ thường kỳ',
      'Giá vàng tăng mạnh & vượt đỉnh',
      'Đội tuyển Việt Nam thắng 2-0',
    ]);
    expect(rows[0]?.url).toBe('https://news.example/a1.html');
    expect(rows[0]?.published_at.toISOString()).toBe('2026-11-20T01:30:00.000Z');
    // A day-first local time is read in Asia/Ho_Chi_Minh.
    expect(rows[1]?.published_at.toISOString()).toBe('2026-11-20T02:15:00.000Z');
    // No date: the fetch time, flagged.
    expect(rows[2]).toMatchObject({ date_missing: true });
    expect(rows[2]?.content_html).not.toContain('script');

    advance(60_000);
    expect(await pollAll()).toEqual([{ sourceKey: 'tin', status: 'not-modified' }]);
    expect(state.hits).toBe(2);

    state.body = rss([{ ...ITEMS[0]!, title: 'Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 11' }, ...ITEMS.slice(1)]);
    advance(60_000);
    expect(await pollAll()).toEqual([{ sourceKey: 'tin', status: 'stored', newItems: 0, updatedItems: 1, unchangedItems: 2 }]);
    const after = await testDb.db.selectFrom('items').select(['id', 'title', 'guid']).orderBy('guid').execute();
    expect(after).toHaveLength(3);
    expect(after[0]).toEqual({ id: rows[0]!.id, guid: 'a1', title: 'Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 11' });

    // The same body without ETag match (validators lost) stores nothing new either.
    await testDb.db.updateTable('sources').set({ etag: null }).execute();
    advance(60_000);
    expect(await pollAll()).toEqual([{ sourceKey: 'tin', status: 'stored', newItems: 0, updatedItems: 0, unchangedItems: 3 }]);
  });

  it('records an error on the source and goes on with the other sources', async () => {
    const state = { body: rss(ITEMS), hits: 0 };
    const closedPort = await findClosedPort();
    const { pollAll } = await setUp(state, `  - { key: broken, name: "Broken", url: "http://127.0.0.1:${closedPort}/rss" }\n`);
    const outcomes = await pollAll();
    expect(outcomes.find((o) => o.sourceKey === 'tin')).toMatchObject({ status: 'stored', newItems: 3 });
    expect(outcomes.find((o) => o.sourceKey === 'broken')).toMatchObject({ status: 'error', code: 'connection-refused' });
    const broken = await findSourceByKey(testDb.db, 'broken');
    expect(broken).toMatchObject({ error_count: 1, error_streak: 1, last_error_code: 'connection-refused', locked_by: null });
    expect(broken?.last_error_message).toMatch(/^fetch: /);
    expect(broken!.next_check_at.getTime()).toBeGreaterThan(broken!.last_error_at!.getTime());
  });

  it('stores nothing when the poll fails midway, then recovers on the next poll', async () => {
    const state = { body: rss(ITEMS), hits: 0 };
    const { deps, advance } = await setUp(state);
    const failing: PollDeps = {
      ...deps,
      // A failure after the items were written, inside the same transaction.
      afterItemsStored: async () => {
        throw new Error('disk full');
      },
    };
    const [outcome] = await pollDueSources(failing, { keys: ['tin'] });
    expect(outcome).toMatchObject({ status: 'error', code: 'internal' });
    const count = await testDb.db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    // The failed poll must not have kept the ETag either, or the next poll would get a 304 and lose the items.
    expect((await findSourceByKey(testDb.db, 'tin'))?.etag).toBeNull();
    advance(60_000);
    const [retry] = await pollDueSources(deps, { keys: ['tin'] });
    expect(retry).toMatchObject({ status: 'stored', newItems: 3 });
  });

  it('records a feed that cannot be read with a clear code', async () => {
    const state = { body: '<!DOCTYPE html><html><head><title>Trang chủ</title></head><body>Xin chào</body></html>', hits: 0 };
    const { pollAll } = await setUp(state);
    const [outcome] = await pollAll();
    expect(outcome).toMatchObject({ status: 'error', code: 'not-a-feed' });
    expect((await findSourceByKey(testDb.db, 'tin'))?.last_error_message).toMatch(/^parse: /);
  });
});
