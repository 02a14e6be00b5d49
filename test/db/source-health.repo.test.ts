import { afterEach, describe, expect, it } from 'vitest';
import { listSourceHealth } from '../../src/db/source-health.repo.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { HEALTH_NOW, seedHealthFixture } from '../support/health-fixture.js';

describe.each(dbKinds)('listSourceHealth on %s', (kind) => {
  let testDb: TestDb | undefined;
  afterEach(async () => testDb?.dispose());

  it('reports streaks, recent items, staleness by each source staleAfter, and notices', async () => {
    testDb = await createTestDb(kind);
    await seedHealthFixture(testDb.db);
    const health = await listSourceHealth(testDb.db, HEALTH_NOW);
    const byKey = new Map(health.map((h) => [h.key, h]));
    expect(health.map((h) => h.key)).toEqual(['broken', 'fresh', 'gone', 'moved', 'quiet']);
    expect(byKey.get('fresh')).toMatchObject({ recentItems: 3, stale: false, errorStreak: 0 });
    expect(byKey.get('fresh')?.lastSuccessAt).toEqual(new Date(HEALTH_NOW.getTime() - 600_000));
    expect(byKey.get('broken')).toMatchObject({ errorStreak: 4, lastErrorCode: 'http-status', stale: false, recentItems: 0 });
    // quiet: 10 days without news against its own 9-day limit; gone is disabled so never stale.
    expect(byKey.get('quiet')).toMatchObject({ stale: true, staleAfterMs: 9 * 86_400_000 });
    expect(byKey.get('gone')).toMatchObject({ stale: false, enabled: false, disabledReason: '410 Gone: removed for good' });
    expect(byKey.get('moved')).toMatchObject({ stale: false, notice: 'moved permanently: update the config' });
  });

  it('counts a source that never had an item as stale from its creation', async () => {
    testDb = await createTestDb(kind);
    await seedHealthFixture(testDb.db);
    // Sources in the fixture were created on 2026-01-01; a week later "fresh" had no item yet.
    const early = await listSourceHealth(testDb.db, new Date('2026-01-05T00:00:00Z'));
    expect(early.find((h) => h.key === 'fresh')?.stale).toBe(false);
    const late = await listSourceHealth(testDb.db, new Date('2026-11-29T12:00:00Z'));
    expect(late.find((h) => h.key === 'fresh')?.stale).toBe(false);
    const { insertTestSource } = await import('../support/source-rows.js');
    await insertTestSource(testDb.db, { key: 'never' });
    const now = await listSourceHealth(testDb.db, HEALTH_NOW);
    expect(now.find((h) => h.key === 'never')?.stale).toBe(true);
  });
});
