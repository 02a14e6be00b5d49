// Story membership and the candidate index: the lookups and writes clustering needs, one statement each.
import { sql, type Kysely } from 'kysely';
import type { StoryCandidate } from '../stories/decide.js';
import type { Database } from './schema.js';

/** Advisory-lock key of story assignment (ASCII "STOR"). */
const STORY_LOCK_KEY = 0x53544f52;
/** Most candidate items read per new item: the ones sharing the most bands, which are the likeliest matches. */
const MAX_CANDIDATES = 64;

export interface NewStoryItem {
  itemId: number;
  storyId: number;
  sourceId: number;
  urlKey: string | null;
  titleKey: string;
  bodyKey: string;
  publishedAt: Date;
  isGovernment: boolean;
  joinReason: string;
  similarity: number | null;
  matchedItemId: number | null;
  bands: { band: number; hash: number }[];
}

/**
 * Serializes story assignment across concurrent polls and instances with one transaction-scoped advisory lock:
 * a poll that could join a story another poll is creating waits, then sees its rows once it commits.
 * One key rather than one per LSH band: a 50-item poll would hold ~1,300 band locks and concurrent polls would
 * exhaust Postgres's shared lock table (max_locks_per_transaction); the section it guards is only the
 * assignment step (milliseconds per item), while fetching and parsing stay parallel.
 */
export async function lockStoryAssignment(trx: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${STORY_LOCK_KEY}::bigint)`.execute(trx);
}

/** Story ids of already-assigned items, by item id. */
export async function findStoryIdsOfItems(db: Kysely<Database>, itemIds: number[]): Promise<Map<number, number>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db.selectFrom('story_items').select(['item_id', 'story_id']).where('item_id', 'in', itemIds).execute();
  return new Map(rows.map((row) => [row.item_id, row.story_id]));
}

/**
 * Items that might share a story with the given keys, in one statement: the items sharing the most LSH bands
 * within the window, plus those with the same URL (any time) or the same folded title (within the window).
 */
export async function findStoryCandidates(
  db: Kysely<Database>,
  query: { urlKey: string | null; titleKey: string; bands: { band: number; hash: number }[]; from: Date; to: Date },
): Promise<StoryCandidate[]> {
  // Two array parameters (as Postgres array literals of integers) instead of 48 scalars: cheaper to parse and
  // plan, and the unnest joins the (band, hash) index once per band.
  const bandList = `{${query.bands.map((b) => b.band).join(',')}}`;
  const hashList = `{${query.bands.map((b) => b.hash).join(',')}}`;
  const { rows } = await sql<CandidateRow>`
    with band_hits as (
      select sb.item_id from unnest(${bandList}::int2[], ${hashList}::int4[]) as v(band, hash)
      join story_bands sb on sb.band = v.band and sb.hash = v.hash
      where sb.published_at between ${query.from} and ${query.to}
      group by sb.item_id order by count(*) desc, sb.item_id limit ${MAX_CANDIDATES}
    ), keyed as (
      select item_id from story_items
      where url_key = ${query.urlKey} or (title_key = ${query.titleKey} and published_at between ${query.from} and ${query.to})
      limit ${MAX_CANDIDATES}
    )
    select si.item_id, si.story_id, si.source_id, si.url_key, si.title_key, si.body_key, si.published_at, s.first_seen_at
    from story_items si join stories s on s.id = si.story_id
    where si.item_id in (select item_id from band_hits union select item_id from keyed)`.execute(db);
  return rows.map((row) => ({
    itemId: row.item_id,
    storyId: row.story_id,
    sourceId: row.source_id,
    fingerprint: { urlKey: row.url_key, titleKey: row.title_key, bodyKey: row.body_key },
    publishedAt: new Date(row.published_at),
    storyFirstSeenAt: new Date(row.first_seen_at),
  }));
}

interface CandidateRow {
  item_id: number;
  story_id: number;
  source_id: number;
  url_key: string | null;
  title_key: string;
  body_key: string;
  published_at: Date | string;
  first_seen_at: Date | string;
}

/** Creates an empty story for a first item; `refreshStory` fills in lead, title and counts. */
export async function insertStory(db: Kysely<Database>, firstSeenAt: Date, title: string, now: Date): Promise<number> {
  const row = await db
    .insertInto('stories')
    .values({ title, summary: '', first_seen_at: firstSeenAt, last_seen_at: firstSeenAt, item_count: 0, source_count: 0, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records an item's membership and its LSH bands. */
export async function insertStoryItem(db: Kysely<Database>, entry: NewStoryItem): Promise<void> {
  await db
    .insertInto('story_items')
    .values({
      item_id: entry.itemId,
      story_id: entry.storyId,
      source_id: entry.sourceId,
      url_key: entry.urlKey,
      title_key: entry.titleKey,
      body_key: entry.bodyKey,
      published_at: entry.publishedAt,
      is_government: entry.isGovernment,
      join_reason: entry.joinReason,
      similarity: entry.similarity,
      matched_item_id: entry.matchedItemId,
    })
    .execute();
  if (entry.bands.length === 0) return;
  await db
    .insertInto('story_bands')
    .values(entry.bands.map((b) => ({ item_id: entry.itemId, band: b.band, hash: b.hash, published_at: entry.publishedAt })))
    .execute();
}

/** Recomputes the stories' lead (government first, else earliest), title, link, times and counts from their items. */
export async function refreshStories(db: Kysely<Database>, storyIds: number[], now: Date): Promise<void> {
  if (storyIds.length === 0) return;
  const ids = sql.join([...storyIds].sort((a, b) => a - b));
  // Row locks first, in id order (no deadlock between polls), so the update below is computed from a snapshot that
  // includes every committed member.
  await sql`select id from stories where id in (${ids}) order by id for no key update`.execute(db);
  await sql`
    update stories s set
      lead_item_id = lead.item_id, title = lead.title, url = lead.url, summary = lead.summary,
      first_seen_at = agg.first_seen, last_seen_at = agg.last_seen,
      item_count = agg.n, source_count = agg.sources, updated_at = ${now}
    from (
      select story_id, min(published_at) as first_seen, max(published_at) as last_seen,
             count(*)::int as n, count(distinct source_id)::int as sources
      from story_items where story_id in (${ids}) group by story_id
    ) agg
    join (
      select distinct on (si.story_id) si.story_id, si.item_id, i.title, i.url, i.summary
      from story_items si join items i on i.id = si.item_id
      where si.story_id in (${ids})
      order by si.story_id, si.is_government desc, si.published_at asc, si.item_id asc
    ) lead on lead.story_id = agg.story_id
    where s.id = agg.story_id`.execute(db);
}

/** Re-keys an item that was updated in place: it keeps its story, later items are compared with its new text. */
export async function updateStoryItemKeys(
  db: Kysely<Database>,
  entry: { itemId: number; urlKey: string | null; titleKey: string; bodyKey: string; publishedAt: Date; bands: { band: number; hash: number }[] },
): Promise<void> {
  await db
    .updateTable('story_items')
    .set({ url_key: entry.urlKey, title_key: entry.titleKey, body_key: entry.bodyKey, published_at: entry.publishedAt })
    .where('item_id', '=', entry.itemId)
    .execute();
  await db.deleteFrom('story_bands').where('item_id', '=', entry.itemId).execute();
  if (entry.bands.length === 0) return;
  await db
    .insertInto('story_bands')
    .values(entry.bands.map((b) => ({ item_id: entry.itemId, band: b.band, hash: b.hash, published_at: entry.publishedAt })))
    .execute();
}
