import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConfiguredFetcher } from '../../src/cli/runtime.js';
import { configSchema } from '../../src/config/schema.js';
import { readSettings } from '../../src/config/settings.js';
import { releaseHostSlots } from '../../src/db/host-slots.repo.js';
import { createPoliteFetcher } from '../../src/scheduler/polite-fetcher.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/http-server.js';

let server: TestServer;
let active = 0;
let maxActive = 0;

beforeAll(async () => {
  server = await startTestServer(async (_req, res) => {
    active += 1;
    maxActive = Math.max(maxActive, active);
    await new Promise((resolve) => setTimeout(resolve, 30));
    active -= 1;
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
});
afterAll(async () => server.close());

describe.each(dbKinds)('createPoliteFetcher on %s', (kind) => {
  let testDb: TestDb | undefined;
  afterEach(async () => testDb?.dispose());

  it('holds two instances together to perHost requests at once on one host', async () => {
    testDb = await createTestDb(kind);
    // Each "instance" has its own fetcher allowing 4 per host locally; the shared slots allow 1 overall.
    const config = configSchema.parse({ poll: { perHost: 4 } });
    const inners = [createConfiguredFetcher(readSettings({}), config), createConfiguredFetcher(readSettings({}), config)];
    const polite = inners.map((inner, i) =>
      createPoliteFetcher(inner, { db: testDb!.db, instanceId: `instance-${i}`, perHost: 1, leaseMs: 60_000, retryMs: 20 }),
    );
    maxActive = 0;
    try {
      const results = await Promise.all(
        polite.flatMap((fetcher) => [1, 2, 3, 4].map((n) => fetcher.fetch({ url: `${server.url}/feed/${n}`, allowPrivateNetwork: true }))),
      );
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
      expect(maxActive).toBe(1);
      // Every slot was given back.
      expect(await releaseHostSlots(testDb.db, 'instance-0')).toBe(0);
      expect(await releaseHostSlots(testDb.db, 'instance-1')).toBe(0);
    } finally {
      await Promise.all(inners.map((f) => f.close()));
    }
  }, 90_000);

  it('frees the slot when the fetch fails, and takes over a slot whose lease ran out', async () => {
    testDb = await createTestDb(kind);
    const inner = createConfiguredFetcher(readSettings({}), configSchema.parse({}));
    let now = new Date('2026-11-29T00:00:00Z');
    const options = { db: testDb.db, perHost: 1, leaseMs: 60_000, retryMs: 5, clock: () => now };
    try {
      const a = createPoliteFetcher(inner, { ...options, instanceId: 'a' });
      await expect(a.fetch({ url: 'http://127.0.0.1:1/feed', allowPrivateNetwork: true })).rejects.toThrow(/^fetch:/);
      const { acquireHostSlot } = await import('../../src/db/host-slots.repo.js');
      // A dead instance's slot on the server's host …
      const host = new URL(server.url).host;
      expect(await acquireHostSlot(testDb.db, { host, instanceId: 'dead', perHost: 1, leaseMs: 60_000, now })).toBe(0);
      const b = createPoliteFetcher(inner, { ...options, instanceId: 'b' });
      const pending = b.fetch({ url: `${server.url}/x`, allowPrivateNetwork: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
      // … is taken over once its lease has run out.
      now = new Date(now.getTime() + 61_000);
      expect((await pending).status).toBe(200);
    } finally {
      await inner.close();
    }
  });
});
