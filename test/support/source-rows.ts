// Inserts sources rows directly, for tests of code that reads the sources table.
import type { Kysely } from 'kysely';
import type { Database, NewSourceRow } from '../../src/db/schema.js';

/** Inserts one source with sensible defaults; returns its id. */
export async function insertTestSource(db: Kysely<Database>, overrides: Partial<NewSourceRow> & { key: string }): Promise<number> {
  const url = overrides.url ?? `http://127.0.0.1:9/${overrides.key}.rss`;
  const row = await db
    .insertInto('sources')
    .values({
      name: `Source ${overrides.key}`,
      url,
      fetch_url: url,
      kind: 'press',
      type: 'feed',
      topics: JSON.stringify([]),
      settings: JSON.stringify({ key: overrides.key }),
      timezone: 'Asia/Ho_Chi_Minh',
      interval_seconds: 1800,
      next_check_at: new Date('2026-01-01T00:00:00Z'),
      updated_at: new Date('2026-01-01T00:00:00Z'),
      created_at: new Date('2026-01-01T00:00:00Z'),
      ...overrides,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts one item of a source published at `publishedAt`; returns its id. */
export async function insertTestItem(db: Kysely<Database>, sourceId: number, identity: string, publishedAt: Date): Promise<number> {
  const row = await db
    .insertInto('items')
    .values({
      source_id: sourceId,
      identity_key: `guid:${identity}`,
      guid: identity,
      url: `http://127.0.0.1:9/${identity}`,
      title: `Tin ${identity}`,
      summary: '',
      content_html: '',
      categories: JSON.stringify([]),
      published_at: publishedAt,
      date_missing: false,
      content_hash: identity,
      fetched_at: publishedAt,
      updated_at: publishedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
