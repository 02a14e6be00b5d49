// Inserts sources and items straight into a test database, with sensible defaults for every required column.
import type { Kysely } from 'kysely';
import type { Database, ItemRow, NewItemRow, NewSourceRow, SourceRow } from '../../src/db/schema.js';
import { toSource } from '../../src/db/sources.repo.js';
import type { NormalizedItem, StoredItem } from '../../src/ingest/types.js';
import { assignStoriesAndTopics, type StoryConfig } from '../../src/stories/assign.js';

type SourceSeed = Partial<Omit<NewSourceRow, 'topics' | 'settings'>> & { key: string; topics?: string[]; settings?: Record<string, unknown> };
type ItemSeed = Partial<Omit<NewItemRow, 'categories' | 'source_id'>> & { categories?: string[] };

const SEED_TIME = new Date('2026-11-20T00:00:00Z');

/** Inserts one source; the key is required, everything else has a default. */
export async function seedSource(db: Kysely<Database>, seed: SourceSeed): Promise<SourceRow> {
  const { topics = [], settings = {}, ...columns } = seed;
  const url = columns.url ?? `https://${seed.key}.example/rss`;
  return db
    .insertInto('sources')
    .values({
      name: seed.key,
      url,
      fetch_url: url,
      kind: 'press',
      type: 'feed',
      timezone: 'Asia/Ho_Chi_Minh',
      interval_seconds: 1800,
      updated_at: SEED_TIME,
      ...columns,
      topics: JSON.stringify(topics),
      settings: JSON.stringify(settings),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

let itemCounter = 0;

/** Inserts one item of a source; title, dates and identity default to unique, plausible values. */
export async function seedItem(db: Kysely<Database>, sourceId: number, seed: ItemSeed = {}): Promise<ItemRow> {
  const { categories = [], ...columns } = seed;
  itemCounter += 1;
  const published = columns.published_at ?? SEED_TIME;
  return db
    .insertInto('items')
    .values({
      source_id: sourceId,
      identity_key: `guid:seed-${itemCounter}`,
      title: `Item ${itemCounter}`,
      summary: '',
      content_html: '',
      published_at: published,
      date_missing: false,
      content_hash: `hash-${itemCounter}`,
      fetched_at: published,
      updated_at: published,
      ...columns,
      categories: JSON.stringify(categories),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Files every seeded item into stories (and topics) as a poll would, so story feeds see them: one call per source,
 * in id order, through the same hook pollSource runs.
 */
export async function assignSeededStories(db: Kysely<Database>, config: StoryConfig, now: Date = SEED_TIME): Promise<void> {
  const sources = await db.selectFrom('sources').selectAll().orderBy('id').execute();
  for (const row of sources) {
    const items = await db.selectFrom('items').selectAll().where('source_id', '=', row.id).orderBy('id').execute();
    if (items.length === 0) continue;
    const stored: StoredItem[] = items.map((item) => ({ id: item.id, sourceId: row.id, change: 'new', item: toNormalizedItem(item) }));
    await db.transaction().execute((trx) => assignStoriesAndTopics(trx, toSource(row), stored, now, config));
  }
}

function toNormalizedItem(row: ItemRow): NormalizedItem {
  return {
    guid: row.guid,
    url: row.url,
    title: row.title,
    summary: row.summary,
    contentHtml: row.content_html,
    author: row.author,
    imageUrl: row.image_url,
    categories: row.categories,
    publishedAt: row.published_at,
    dateMissing: row.date_missing,
  };
}
