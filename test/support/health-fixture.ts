// A small set of sources in every health state, shared by the health, CLI and status page tests.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { insertTestItem, insertTestSource } from './source-rows.js';

export const HEALTH_NOW = new Date('2026-11-29T12:00:00Z');
const DAY = 86_400_000;
const ago = (ms: number) => new Date(HEALTH_NOW.getTime() - ms);

/** Inserts: `fresh` (ok, 3 recent items), `broken` (failing), `quiet` (stale), `gone` (disabled), `moved` (notice). */
export async function seedHealthFixture(db: Kysely<Database>): Promise<void> {
  const fresh = await insertTestSource(db, {
    key: 'fresh',
    name: 'Báo Mới <Thời sự>',
    last_success_at: ago(600_000),
    last_new_item_at: ago(3_600_000),
    next_check_at: new Date(HEALTH_NOW.getTime() + 1_200_000),
  });
  for (const [i, age] of [DAY, 2 * DAY, 6 * DAY, 8 * DAY, 30 * DAY].entries()) await insertTestItem(db, fresh, `f${i}`, ago(age));
  await insertTestSource(db, {
    key: 'broken',
    last_success_at: ago(3 * DAY),
    last_new_item_at: ago(3 * DAY),
    last_error_at: ago(300_000),
    last_error_code: 'http-status',
    last_error_message: 'fetch: 503 Service Unavailable for http://x.test/<feed>',
    next_check_at: HEALTH_NOW,
    error_streak: 4,
    error_count: 9,
  });
  await insertTestSource(db, {
    key: 'quiet',
    last_success_at: ago(600_000),
    last_new_item_at: ago(10 * DAY),
    settings: JSON.stringify({ key: 'quiet', staleAfter: 9 * DAY }),
  });
  await insertTestSource(db, { key: 'gone', enabled: false, disabled_reason: '410 Gone: removed for good', last_new_item_at: ago(40 * DAY) });
  await insertTestSource(db, {
    key: 'moved',
    last_new_item_at: ago(DAY),
    notice: 'moved permanently: update the config',
    settings: JSON.stringify({ key: 'moved', staleAfter: 2 * DAY }),
  });
}
