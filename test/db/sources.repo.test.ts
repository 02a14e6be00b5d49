import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { claimDueSources, findSourceByKey, recordPollFailure, releaseSources, syncSources } from '../../src/db/sources.repo.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';

const T0 = new Date('2026-11-20T00:00:00Z');

function configWith(sources: string): ReturnType<typeof parseConfig> {
  return parseConfig(`topics:\n  - key: kinh-te\n    name: { vi: "Kinh tế", en: "Economy" }\nsources:\n${sources}`);
}

const TWO = `  - { key: a, name: A, url: "https://a.example/rss", topics: [kinh-te] }
  - { key: b, name: B, url: "https://b.example/rss", interval: 10m }
`;

describe.each(dbKinds)('sources repository on %s', (kind) => {
  let testDb: TestDb;
  afterEach(async () => testDb?.dispose());

  it('adds, updates and disables sources to match the config, keeping removed ones', async () => {
    testDb = await createTestDb(kind);
    const { db } = testDb;
    expect(await syncSources(db, configWith(TWO), T0)).toEqual({ added: ['a', 'b'], updated: [], disabled: [] });
    expect(await syncSources(db, configWith(TWO), T0)).toEqual({ added: [], updated: [], disabled: [] });

    const changed = configWith(`  - { key: a, name: "A renamed", url: "https://a.example/rss", topics: [kinh-te] }\n`);
    expect(await syncSources(db, changed, T0)).toEqual({ added: [], updated: ['a'], disabled: ['b'] });
    const b = await findSourceByKey(db, 'b');
    expect(b).toMatchObject({ enabled: false, disabled_reason: 'removed from config', interval_seconds: 600 });
    expect((await findSourceByKey(db, 'a'))?.name).toBe('A renamed');

    expect(await syncSources(db, configWith(TWO), T0)).toEqual({ added: [], updated: ['a', 'b'], disabled: [] });
    expect(await findSourceByKey(db, 'b')).toMatchObject({ enabled: true, disabled_reason: null });
  });

  it('resets validators and polls at once when a source URL changes', async () => {
    testDb = await createTestDb(kind);
    const { db } = testDb;
    await syncSources(db, configWith(TWO), T0);
    await db.updateTable('sources').set({ etag: '"x"', next_check_at: new Date('2030-01-01T00:00:00Z') }).execute();
    await syncSources(db, configWith(TWO.replace('https://a.example/rss', 'https://a.example/feed')), T0);
    const a = await findSourceByKey(db, 'a');
    expect(a).toMatchObject({ url: 'https://a.example/feed', fetch_url: 'https://a.example/feed', etag: null });
    expect(a?.next_check_at.toISOString()).toBe(T0.toISOString());
  });

  it('claims each due source once across concurrent claimers and honours leases', async () => {
    testDb = await createTestDb(kind);
    const { db } = testDb;
    const many = Array.from({ length: 30 }, (_, i) => `  - { key: s${i}, name: S${i}, url: "https://s${i}.example/rss" }`).join('\n');
    await syncSources(db, configWith(`${many}\n`), T0);
    const claims = await Promise.all(
      ['one', 'two', 'three'].map((instanceId) => claimDueSources(db, { instanceId, limit: 12, now: T0, leaseMs: 60_000 })),
    );
    const keys = claims.flat().map((s) => s.key);
    expect(keys).toHaveLength(30);
    expect(new Set(keys).size).toBe(30);

    // Nothing is due again until the interval passes, and leases keep others off.
    expect(await claimDueSources(db, { instanceId: 'four', limit: 50, now: T0, leaseMs: 60_000 })).toEqual([]);
    const afterInterval = new Date(T0.getTime() + 31 * 60_000);
    expect(await claimDueSources(db, { instanceId: 'four', limit: 50, now: afterInterval, leaseMs: 60_000 })).toHaveLength(30);
  });

  it('gives a crashed instance’s sources to another one when the lease expires', async () => {
    testDb = await createTestDb(kind);
    const { db } = testDb;
    await syncSources(db, configWith(TWO), T0);
    await db.updateTable('sources').set({ interval_seconds: 1 }).execute();
    expect(await claimDueSources(db, { instanceId: 'dead', limit: 10, now: T0, leaseMs: 60_000 })).toHaveLength(2);
    const soon = new Date(T0.getTime() + 30_000);
    expect(await claimDueSources(db, { instanceId: 'alive', limit: 10, now: soon, leaseMs: 60_000 })).toEqual([]);
    const later = new Date(T0.getTime() + 61_000);
    expect((await claimDueSources(db, { instanceId: 'alive', limit: 10, now: later, leaseMs: 60_000 })).map((s) => s.key).sort()).toEqual(['a', 'b']);
    expect(await releaseSources(db, 'alive')).toBe(2);
  });

  it('claims named sources whether due or not, and records failures with a running count', async () => {
    testDb = await createTestDb(kind);
    const { db } = testDb;
    await syncSources(db, configWith(TWO), T0);
    const [a] = await claimDueSources(db, { instanceId: 'x', limit: 10, now: T0, leaseMs: 60_000, keys: ['a'] });
    expect(a?.key).toBe('a');
    for (const attempt of [1, 2]) {
      await recordPollFailure(db, a!.id, { now: T0, nextCheckAt: T0, instanceId: 'x', code: 'http-status', message: `fetch: 500 (${attempt})` });
    }
    expect(await findSourceByKey(db, 'a')).toMatchObject({ error_count: 2, error_streak: 2, last_error_code: 'http-status', last_error_message: 'fetch: 500 (2)', locked_by: null });
    const again = await claimDueSources(db, { instanceId: 'x', limit: 10, now: T0, leaseMs: 60_000, keys: ['a', 'b'] });
    expect(again.map((s) => s.key).sort()).toEqual(['a', 'b']);
  });
});
