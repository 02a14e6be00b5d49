// Read-only queries behind the gauges computed at scrape time.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Seconds the most overdue enabled source has been waiting for its check (0 when none is due). */
export async function readDueSourceLagSeconds(db: Kysely<Database>, now: Date): Promise<number> {
  const row = await db
    .selectFrom('sources')
    .select((eb) => eb.fn.min('next_check_at').as('oldest'))
    .where('enabled', '=', true)
    .where('next_check_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .executeTakeFirst();
  const oldest = row?.oldest ? new Date(row.oldest as Date | string) : null;
  return oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0;
}

/** Each enabled source's key and current error streak. */
export async function listSourceErrorStreaks(db: Kysely<Database>): Promise<{ key: string; errorStreak: number }[]> {
  const rows = await db.selectFrom('sources').select(['key', 'error_streak']).where('enabled', '=', true).orderBy('key').execute();
  return rows.map((row) => ({ key: row.key, errorStreak: row.error_streak }));
}

/**
 * Digest deliveries counted by state, or an empty list while the deliveries table (migration 0003) is absent.
 * The state column is `state` or `status`, whichever the table has.
 */
export async function countDeliveriesByState(db: Kysely<Database>): Promise<{ state: string; count: number }[]> {
  const { rows: columns } = await sql<{ name: string }>`
    select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = 'deliveries' and column_name in ('state', 'status')
    order by column_name`.execute(db);
  const column = columns[0]?.name;
  if (!column) return [];
  const { rows } = await sql<{ state: string; count: number }>`
    select ${sql.ref(column)}::text as state, count(*)::int as count from deliveries group by 1 order by 1`.execute(db);
  return rows;
}
