// Backoff, Retry-After, 410 Gone and the three-redirect rule, each against a real local server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConfiguredFetcher } from '../../src/cli/runtime.js';
import { readSettings } from '../../src/config/settings.js';
import { configSchema, type BantinConfig } from '../../src/config/schema.js';
import { claimDueSources, findSourceByKey, syncSources } from '../../src/db/sources.repo.js';
import { pollSource } from '../../src/ingest/poll-source.js';
import { recordRedirects } from '../../src/scheduler/redirects.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/http-server.js';

const MIN = 60_000;
const FEED = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin</title><link>http://x.test/</link>
<item><guid>a1</guid><title>Tin một</title><link>http://x.test/a1</link><pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate></item>
</channel></rss>`;

let server: TestServer;
const hits = new Map<string, number>();

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/flaky') return void res.writeHead(500).end('down');
    if (path === '/busy') return void res.writeHead(503, { 'retry-after': '7200' }).end('busy');
    if (path === '/gone') return void res.writeHead(410).end('gone');
    if (path === '/old') return void res.writeHead(301, { location: '/new' }).end();
    if (path === '/new') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
    res.writeHead(404).end();
  });
});
afterAll(async () => server.close());

function buildConfig(paths: string[]): BantinConfig {
  return configSchema.parse({
    poll: { interval: '30m', maxBackoff: '6h' },
    sources: paths.map((p) => ({ key: p.slice(1), name: p, url: `${server.url}${p}`, allowPrivateNetwork: true })),
  });
}

describe.each(dbKinds)('adaptive polling on %s', (kind) => {
  let testDb: TestDb | undefined;
  afterEach(async () => testDb?.dispose());

  async function pollAt(config: BantinConfig, key: string, now: Date) {
    const fetcher = createConfiguredFetcher(readSettings({}), config);
    try {
      const [source] = await claimDueSources(testDb!.db, { instanceId: 'test', limit: 1, now, leaseMs: 5 * MIN, keys: [key] });
      if (!source) throw new Error(`could not claim ${key}`);
      const outcome = await pollSource({ db: testDb!.db, fetcher, config, instanceId: 'test', now: () => now }, source);
      return { outcome, row: (await findSourceByKey(testDb!.db, key))! };
    } finally {
      await fetcher.close();
    }
  }

  it('backs off exponentially up to the cap and keeps polling a failing source', async () => {
    testDb = await createTestDb(kind);
    const config = buildConfig(['/flaky']);
    let now = new Date('2026-11-29T00:00:00Z');
    await syncSources(testDb.db, config, now);
    const delays: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const { row } = await pollAt(config, 'flaky', now);
      delays.push((row.next_check_at.getTime() - now.getTime()) / MIN);
      expect(row.enabled).toBe(true);
      now = row.next_check_at;
    }
    expect(delays).toEqual([30, 60, 120, 240, 360, 360]);
    const row = await findSourceByKey(testDb.db, 'flaky');
    expect(row).toMatchObject({ error_streak: 6, error_count: 6, last_error_code: 'http-status', locked_by: null });
  });

  it('waits as long as Retry-After asks on 503, and disables a source on 410 Gone', async () => {
    testDb = await createTestDb(kind);
    const config = buildConfig(['/busy', '/gone']);
    const now = new Date('2026-11-29T00:00:00Z');
    await syncSources(testDb.db, config, now);
    const busy = await pollAt(config, 'busy', now);
    expect(busy.row.next_check_at.getTime() - now.getTime()).toBe(120 * MIN);
    expect(busy.row.enabled).toBe(true);
    const gone = await pollAt(config, 'gone', now);
    expect(gone.row.enabled).toBe(false);
    expect(gone.row.disabled_reason).toMatch(/^410 Gone/);
    const later = new Date(now.getTime() + 48 * 3_600_000);
    const due = await claimDueSources(testDb.db, { instanceId: 'test', limit: 10, now: later, leaseMs: MIN });
    expect(due.map((s) => s.key)).toEqual(['busy']);
  });

  it('moves polling after the same permanent redirect on three polls in a row and tells the admin', async () => {
    testDb = await createTestDb(kind);
    const config = buildConfig(['/old']);
    await syncSources(testDb.db, config, new Date('2026-11-29T00:00:00Z'));
    const fetcher = createConfiguredFetcher(readSettings({}), config);
    try {
      const moves: (string | undefined)[] = [];
      for (let poll = 0; poll < 3; poll += 1) {
        const row = (await findSourceByKey(testDb.db, 'old'))!;
        const result = await fetcher.fetch({ url: row.fetch_url, allowPrivateNetwork: true });
        moves.push((await recordRedirects(testDb.db, { id: row.id, url: row.fetch_url }, result, new Date())).movedTo);
        if (poll < 2) expect((await findSourceByKey(testDb.db, 'old'))?.redirect_streak).toBe(poll + 1);
      }
      expect(moves).toEqual([undefined, undefined, `${server.url}/new`]);
      const row = (await findSourceByKey(testDb.db, 'old'))!;
      expect(row).toMatchObject({ fetch_url: `${server.url}/new`, url: `${server.url}/old`, redirect_streak: 0, etag: null });
      expect(row.notice).toContain('update the source');
      const oldHits = hits.get('/old') ?? 0;
      const result = await fetcher.fetch({ url: row.fetch_url, allowPrivateNetwork: true });
      expect(result.redirects).toEqual([]);
      expect(hits.get('/old')).toBe(oldHits);
    } finally {
      await fetcher.close();
    }
  });
});
