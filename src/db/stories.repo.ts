// Story membership and the candidate index: the lookups and writes clustering needs, each one statement per poll.
import { sql, type Kysely } from 'kysely';
import type { StoryCandidate } from '../stories/decide.js';
import type { Database } from './schema.js';

/** Advisory-lock key of story assignment (ASCII "STOR"). */
const STORY_LOCK_KEY = 0x53544f52;
/** Most candidate items read per new item: the ones sharing the most bands, which are the likeliest matches. */
const MAX_CANDIDATES = 64;
/** Most stored items read per shared band, the nearest in time first. A band that hundreds of items in one window
 * share is a flood of look-alike briefs (daily price tables, templated notices); without this bound every new item
 * of such a flood would read the whole flood, and the cost per item would grow with it. */
const MAX_ITEMS_PER_BAND = 200;

export interface NewStoryItem {
  itemId: number;
  storyId: number;
  sourceId: number;
  urlKey: string | null;
  titleKey: string;
  bodyKey: string;
  namesKey: string;
  datesKey: string;
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

/** What one new item looks up candidates by; `key` is the caller's name for the item in the result. */
export interface CandidateQuery {
  key: number;
  urlKey: string | null;
  titleKey: string;
  bands: { band: number; hash: number }[];
  from: Date;
  to: Date;
}

/**
 * Items that might share a story with each of the queried items, in one statement for a whole poll: per item, the
 * stored items sharing the most LSH bands within its window (at most 64), plus those with the same URL (any time)
 * or the same folded title (within the window). The queries travel as one JSON parameter each, so the statement's
 * size does not grow with the poll and no array-literal escaping is needed for title keys.
 */
export async function findStoryCandidates(db: Kysely<Database>, queries: CandidateQuery[]): Promise<Map<number, StoryCandidate[]>> {
  const found = new Map<number, StoryCandidate[]>(queries.map((q) => [q.key, []]));
  if (queries.length === 0) return found;
  const windows = JSON.stringify(queries.map((q) => ({ k: q.key, f: q.from.toISOString(), t: q.to.toISOString(), u: q.urlKey, ti: q.titleKey })));
  const bands = JSON.stringify(queries.flatMap((q) => q.bands.map((b) => ({ k: q.key, b: b.band, h: b.hash }))));
  const { rows } = await sql<CandidateRow & { query_key: number }>`
    with w as (
      select * from json_to_recordset(${windows}::json) as w(k int, f timestamptz, t timestamptz, u text, ti text)
    ), q as (
      select * from json_to_recordset(${bands}::json) as q(k int, b int2, h int4)
    ), band_hits as (
      select k, item_id from (
        select q.k, sb.item_id, row_number() over (partition by q.k order by count(*) desc, sb.item_id) as rank
        from q join w on w.k = q.k
        cross join lateral (
          select item_id from story_bands
          where band = q.b and hash = q.h and published_at between w.f and w.t
          order by published_at desc limit ${MAX_ITEMS_PER_BAND}
        ) sb
        group by q.k, sb.item_id
      ) ranked where rank <= ${MAX_CANDIDATES}
    ), keyed as (
      select w.k, m.item_id from w cross join lateral (
        select item_id from story_items
        where url_key = w.u or (title_key = w.ti and published_at between w.f and w.t)
        limit ${MAX_CANDIDATES}
      ) m
    )
    select h.k as query_key, si.item_id, si.story_id, si.source_id, si.url_key, si.title_key, si.body_key,
           si.names_key, si.dates_key, si.published_at, s.first_seen_at
    from (select k, item_id from band_hits union select k, item_id from keyed) h
    join story_items si on si.item_id = h.item_id join stories s on s.id = si.story_id
    order by h.k, si.item_id`.execute(db);
  for (const row of rows) {
    found.get(row.query_key)!.push({
      itemId: row.item_id,
      storyId: row.story_id,
      sourceId: row.source_id,
      fingerprint: { urlKey: row.url_key, titleKey: row.title_key, bodyKey: row.body_key, namesKey: row.names_key, datesKey: row.dates_key },
      publishedAt: new Date(row.published_at),
      storyFirstSeenAt: new Date(row.first_seen_at),
    });
  }
  return found;
}

interface CandidateRow {
  item_id: number;
  story_id: number;
  source_id: number;
  url_key: string | null;
  title_key: string;
  body_key: string;
  names_key: string;
  dates_key: string;
  published_at: Date | string;
  first_seen_at: Date | string;
}

/** Creates empty stories for first items (ids from the stories sequence, one statement); `refreshStories` fills in
 * lead, title and counts. Returns the new ids in the order of `stories`. */
export async function insertStories(db: Kysely<Database>, stories: { firstSeenAt: Date; title: string }[], now: Date): Promise<number[]> {
  if (stories.length === 0) return [];
  // Ids are taken from the sequence first so each row's id is known without relying on RETURNING's order.
  const { rows } = await sql<{ id: number }>`select nextval('stories_id_seq')::int as id from generate_series(1, ${stories.length})`.execute(db);
  const ids = rows.map((r) => r.id);
  await db
    .insertInto('stories')
    .values(stories.map((s, i) => ({ id: ids[i]!, title: s.title, summary: '', first_seen_at: s.firstSeenAt, last_seen_at: s.firstSeenAt, item_count: 0, source_count: 0, updated_at: now })))
    .execute();
  return ids;
}

/** Records items' membership and their LSH bands: two statements for any number of items. */
export async function insertStoryItems(db: Kysely<Database>, entries: NewStoryItem[]): Promise<void> {
  if (entries.length === 0) return;
  const members = entries.map((e) => ({
    item_id: e.itemId,
    story_id: e.storyId,
    source_id: e.sourceId,
    url_key: e.urlKey,
    title_key: e.titleKey,
    body_key: e.bodyKey,
    names_key: e.namesKey,
    dates_key: e.datesKey,
    published_at: e.publishedAt.toISOString(),
    is_government: e.isGovernment,
    join_reason: e.joinReason,
    similarity: e.similarity,
    matched_item_id: e.matchedItemId,
  }));
  await sql`
    insert into story_items (item_id, story_id, source_id, url_key, title_key, body_key, names_key, dates_key, published_at,
                             is_government, join_reason, similarity, matched_item_id)
    select * from json_to_recordset(${JSON.stringify(members)}::json) as r(item_id int, story_id int, source_id int,
      url_key text, title_key text, body_key text, names_key text, dates_key text, published_at timestamptz, is_government boolean, join_reason text,
      similarity double precision, matched_item_id int)`.execute(db);
  await insertBands(db, entries);
}

async function insertBands(db: Kysely<Database>, entries: { itemId: number; publishedAt: Date; bands: { band: number; hash: number }[] }[]): Promise<void> {
  const rows = entries.flatMap((e) => e.bands.map((b) => ({ item_id: e.itemId, band: b.band, hash: b.hash, published_at: e.publishedAt.toISOString() })));
  if (rows.length === 0) return;
  await sql`
    insert into story_bands (item_id, band, hash, published_at)
    select * from json_to_recordset(${JSON.stringify(rows)}::json) as r(item_id int, band int2, hash int4, published_at timestamptz)`.execute(db);
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
  entry: { itemId: number; urlKey: string | null; titleKey: string; bodyKey: string; namesKey: string; datesKey: string; publishedAt: Date; bands: { band: number; hash: number }[] },
): Promise<void> {
  await db
    .updateTable('story_items')
    .set({ url_key: entry.urlKey, title_key: entry.titleKey, body_key: entry.bodyKey, names_key: entry.namesKey, dates_key: entry.datesKey, published_at: entry.publishedAt })
    .where('item_id', '=', entry.itemId)
    .execute();
  await db.deleteFrom('story_bands').where('item_id', '=', entry.itemId).execute();
  await insertBands(db, [entry]);
}

/** Of these stories, the ones a digest edition has printed: they keep their id (see mergeStories). */
export async function findPrintedStoryIds(db: Kysely<Database>, storyIds: number[]): Promise<Set<number>> {
  if (storyIds.length === 0) return new Set();
  const rows = await db.selectFrom('edition_stories').select('story_id').distinct().where('story_id', 'in', storyIds).execute();
  return new Set(rows.map((r) => r.story_id));
}

/**
 * Moves every item of each `from` story into its `into` story and deletes the emptied story (its topics go with
 * it); the caller refreshes the surviving stories. Two statements for any number of merges.
 */
export async function mergeStories(db: Kysely<Database>, merges: { from: number; into: number }[]): Promise<void> {
  if (merges.length === 0) return;
  await sql`
    update story_items si set story_id = m.into_id
    from json_to_recordset(${JSON.stringify(merges.map((m) => ({ from_id: m.from, into_id: m.into })))}::json) as m(from_id int, into_id int)
    where si.story_id = m.from_id`.execute(db);
  await db.deleteFrom('stories').where('id', 'in', merges.map((m) => m.from)).execute();
}
