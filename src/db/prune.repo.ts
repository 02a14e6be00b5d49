// Deleting old items in small batches, keeping the ones a digest edition still links to through its stories.
// The story tables come from other migrations, so the links are read from the catalog instead of being assumed.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';
import { refreshStories } from './stories.repo.js';

export interface ItemLinks {
  /** Tables with `story_id` and `item_id` columns (story membership); an item in an edition's story is kept. */
  storyItemTables: string[];
  /** Columns of `stories` that point at an item (e.g. `lead_item_id`); such an item of an edition's story is kept. */
  storyItemColumns: string[];
  /** Whether `edition_stories` exists at all (without it nothing links items to digests). */
  hasEditions: boolean;
  /** Whether `stories` and `story_items` exist: then stories that lose items are refreshed, and dropped once empty. */
  hasStories: boolean;
  /** Foreign keys to items(id) that would block a delete: their rows go with the item. */
  blockingReferences: { table: string; column: string }[];
}

/** Reads from the catalog which tables link items to editions and which references must be cleared on delete. */
export async function readItemLinks(db: Kysely<Database>): Promise<ItemLinks> {
  const { rows: columns } = await sql<{ table: string; column: string }>`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = current_schema() and table_name <> 'items'`.execute(db);
  const byTable = new Map<string, Set<string>>();
  for (const { table, column } of columns) byTable.set(table, (byTable.get(table) ?? new Set()).add(column));
  const storyItemTables = [...byTable].filter(([t, c]) => t !== 'edition_stories' && c.has('story_id') && c.has('item_id')).map(([t]) => t);
  const storyItemColumns = [...(byTable.get('stories') ?? [])].filter((c) => c === 'item_id' || c.endsWith('_item_id'));
  const { rows: references } = await sql<{ table: string; column: string }>`
    select cl.relname as "table", a.attname as "column"
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = to_regclass('items') and c.confdeltype in ('a', 'r')
    order by 1, 2`.execute(db);
  return {
    storyItemTables: storyItemTables.sort(),
    storyItemColumns: storyItemColumns.sort(),
    hasEditions: byTable.has('edition_stories'),
    hasStories: byTable.has('stories') && storyItemTables.includes('story_items'),
    blockingReferences: references,
  };
}

/**
 * Deletes up to `batchSize` items stored and published before `cutoff` that no edition links to; returns how many.
 * Rows locked by a running poll are skipped, and the batch is one transaction. The stories those items were in are
 * refreshed (lead, counts, times) or, left without items, deleted, so feeds never show a story with nothing in it.
 */
export async function deleteOldItemsBatch(db: Kysely<Database>, options: { cutoff: Date; batchSize: number; links: ItemLinks; now: Date }): Promise<number> {
  const { cutoff, batchSize, links, now } = options;
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: number }>`
      select i.id from items i
      where i.published_at < ${cutoff} and i.fetched_at < ${cutoff} and not (${buildKeepCondition(links)})
      order by i.id
      limit ${batchSize}
      for update of i skip locked`.execute(trx);
    const ids = rows.map((row) => row.id);
    if (ids.length === 0) return 0;
    const touchedStories = links.hasStories
      ? (await trx.selectFrom('story_items').select('story_id').distinct().where('item_id', 'in', ids).execute()).map((r) => r.story_id)
      : [];
    for (const ref of links.blockingReferences) {
      await sql`delete from ${sql.table(ref.table)} where ${sql.ref(ref.column)} = any(${sql.val(ids)}::int[])`.execute(trx);
    }
    const result = await trx.deleteFrom('items').where('id', 'in', ids).executeTakeFirst();
    await tidyStories(trx, touchedStories, links, now);
    return Number(result.numDeletedRows);
  });
}

// A story an edition printed keeps its items (see buildKeepCondition), so it is never empty; the guard is for safety,
// since deleting a story would also take it out of the edition.
async function tidyStories(trx: Kysely<Database>, storyIds: number[], links: ItemLinks, now: Date): Promise<void> {
  if (storyIds.length === 0) return;
  const inEdition = links.hasEditions ? sql`exists (select 1 from edition_stories es where es.story_id = s.id)` : sql`false`;
  const { rows } = await sql<{ id: number }>`
    delete from stories s
    where s.id = any(${sql.val(storyIds)}::int[])
      and not exists (select 1 from story_items si where si.story_id = s.id) and not ${inEdition}
    returning s.id`.execute(trx);
  const deleted = new Set(rows.map((r) => r.id));
  await refreshStories(trx, storyIds.filter((id) => !deleted.has(id)), now);
}

/** Counts items older than `cutoff` (for reports and tests). */
export async function countItemsBefore(db: Kysely<Database>, cutoff: Date): Promise<number> {
  const row = await db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).where('published_at', '<', cutoff).executeTakeFirst();
  return Number(row?.n ?? 0);
}

function buildKeepCondition(links: ItemLinks): RawBuilder<boolean> {
  if (!links.hasEditions) return sql<boolean>`false`;
  const conditions: RawBuilder<boolean>[] = links.storyItemTables.map(
    (table) => sql<boolean>`exists (select 1 from ${sql.table(table)} si join edition_stories es on es.story_id = si.story_id where si.item_id = i.id)`,
  );
  for (const column of links.storyItemColumns) {
    conditions.push(sql<boolean>`exists (select 1 from stories s join edition_stories es on es.story_id = s.id where s.${sql.ref(column)} = i.id)`);
  }
  return conditions.length === 0 ? sql<boolean>`false` : sql<boolean>`(${sql.join(conditions, sql` or `)})`;
}
