import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { hasPendingMigrations, migrateToLatest } from '../../src/db/migrator.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';

describe.each(dbKinds)('migrations on %s', (kind) => {
  let testDb: TestDb | undefined;
  afterEach(async () => testDb?.dispose());

  it('applies every migration once and leaves none pending', async () => {
    testDb = await createTestDb(kind, { migrate: false });
    expect(await hasPendingMigrations(testDb.db)).toBe(true);
    const applied = await migrateToLatest(testDb.db);
    expect(applied[0]).toBe('0001_core');
    expect(await hasPendingMigrations(testDb.db)).toBe(false);
    expect(await migrateToLatest(testDb.db)).toEqual([]);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from sources`.execute(testDb.db);
    expect(rows[0]?.n).toBe(0);
  });
});
