// Editions and their frozen stories. An edition is written once, in one transaction, and never changed.
import type { Kysely, Selectable } from 'kysely';
import type { Edition, EditionStory, Outlet, StoryCandidate } from '../digest/types.js';
import type { EditionStoriesTable, EditionsTable } from './schema-digest.js';
import type { Database } from './schema.js';

export interface NewEdition {
  week: string;
  timezone: string;
  from: Date;
  to: Date;
  builtAt: Date;
}

/** Maps a row to the domain type. */
export function toEdition(row: Selectable<EditionsTable>): Edition {
  return { id: row.id, week: row.week, timezone: row.timezone, from: row.starts_at, to: row.ends_at, builtAt: row.built_at };
}

/** Maps an edition_stories row to the domain type. */
export function toEditionStory(row: Selectable<EditionStoriesTable>): EditionStory {
  return {
    storyId: row.story_id,
    topicKey: row.topic_key,
    rank: row.rank,
    title: row.title,
    url: row.url,
    summary: row.summary,
    outlets: row.outlets,
    outletCount: row.outlet_count,
    hasGovernment: row.has_government,
    isUpdate: row.is_update,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    topics: [row.topic_key],
  };
}

/** The edition of an ISO week, if built. */
export async function findEditionByWeek(db: Kysely<Database>, week: string): Promise<Edition | null> {
  const row = await db.selectFrom('editions').selectAll().where('week', '=', week).executeTakeFirst();
  return row ? toEdition(row) : null;
}

/** Every built edition, newest first. */
export async function listEditions(db: Kysely<Database>, limit = 200): Promise<Edition[]> {
  const rows = await db.selectFrom('editions').selectAll().orderBy('starts_at', 'desc').limit(limit).execute();
  return rows.map(toEdition);
}

/**
 * Writes an edition and its stories in one transaction. When another builder got there first (same week), its
 * edition is kept and returned unchanged: the first build wins and stays frozen.
 */
export async function insertEditionWithStories(db: Kysely<Database>, edition: NewEdition, stories: readonly EditionStory[]): Promise<Edition> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('editions')
      .values({ week: edition.week, timezone: edition.timezone, starts_at: edition.from, ends_at: edition.to, built_at: edition.builtAt })
      .onConflict((oc) => oc.column('week').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) return toEdition(await trx.selectFrom('editions').selectAll().where('week', '=', edition.week).executeTakeFirstOrThrow());
    if (stories.length > 0) await trx.insertInto('edition_stories').values(stories.map((s) => toStoryValues(inserted.id, s))).execute();
    return toEdition(inserted);
  });
}

/** The stories of an edition, by topic and rank. */
export async function listEditionStories(db: Kysely<Database>, editionId: number): Promise<EditionStory[]> {
  const rows = await db.selectFrom('edition_stories').selectAll().where('edition_id', '=', editionId).orderBy('topic_key').orderBy('rank').execute();
  return rows.map(toEditionStory);
}

/** For stories already sent in an edition that started before `before`: the most outlets they had then. */
export async function findPreviousOutletCounts(db: Kysely<Database>, storyIds: readonly number[], before: Date): Promise<Map<number, number>> {
  if (storyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('edition_stories')
    .innerJoin('editions', 'editions.id', 'edition_stories.edition_id')
    .select(['edition_stories.story_id as storyId', (eb) => eb.fn.max('edition_stories.outlet_count').as('outlets')])
    .where('edition_stories.story_id', 'in', [...storyIds])
    .where('editions.starts_at', '<', before)
    .groupBy('edition_stories.story_id')
    .execute();
  return new Map(rows.map((r) => [r.storyId, Number(r.outlets)]));
}

/**
 * Stories active in [from, to) (an item of theirs appeared in it) that are filed under a topic (or under `topicKey`),
 * with their topics and one entry per outlet (source) that carried them.
 */
export async function listStoryCandidates(db: Kysely<Database>, range: { from: Date; to: Date; topicKey?: string }): Promise<StoryCandidate[]> {
  const active = db
    .selectFrom('stories')
    .select('stories.id')
    .where('stories.last_seen_at', '>=', range.from)
    .where('stories.first_seen_at', '<', range.to)
    .where((eb) => eb.exists(eb.selectFrom('story_topics').select('story_topics.story_id').whereRef('story_topics.story_id', '=', 'stories.id')
      .$if(range.topicKey !== undefined, (q) => q.where('story_topics.topic_key', '=', range.topicKey!))));
  const [stories, topics, outlets] = await Promise.all([
    db.selectFrom('stories').select(['id', 'title', 'url', 'summary', 'first_seen_at', 'last_seen_at']).where('id', 'in', active).orderBy('id').execute(),
    db.selectFrom('story_topics').select(['story_id', 'topic_key']).where('story_id', 'in', active).orderBy('score', 'desc').execute(),
    db
      .selectFrom('story_items')
      .innerJoin('sources', 'sources.id', 'story_items.source_id')
      .innerJoin('items', 'items.id', 'story_items.item_id')
      .select(['story_items.story_id as storyId', 'sources.key as sourceKey', 'sources.name as name', 'sources.kind as kind', (eb) => eb.fn.min('items.url').as('url')])
      .where('story_items.story_id', 'in', active)
      .groupBy(['story_items.story_id', 'sources.key', 'sources.name', 'sources.kind'])
      .orderBy('sources.key')
      .execute(),
  ]);
  const topicsOf = groupBy(topics, (t) => t.story_id, (t) => t.topic_key);
  const outletsOf = groupBy(outlets, (o) => o.storyId, (o): Outlet => ({ sourceKey: o.sourceKey, name: o.name, url: o.url, kind: o.kind === 'government' ? 'government' : 'press' }));
  return stories.map((s) => ({
    storyId: s.id,
    title: s.title,
    url: s.url,
    summary: s.summary,
    outlets: outletsOf.get(s.id) ?? [],
    firstSeenAt: s.first_seen_at,
    lastSeenAt: s.last_seen_at,
    topics: topicsOf.get(s.id) ?? [],
  }));
}

function groupBy<T, V>(rows: readonly T[], keyOf: (row: T) => number, valueOf: (row: T) => V): Map<number, V[]> {
  const groups = new Map<number, V[]>();
  for (const row of rows) {
    const list = groups.get(keyOf(row)) ?? [];
    list.push(valueOf(row));
    groups.set(keyOf(row), list);
  }
  return groups;
}

function toStoryValues(editionId: number, story: EditionStory) {
  return {
    edition_id: editionId,
    topic_key: story.topicKey,
    rank: story.rank,
    story_id: story.storyId,
    title: story.title,
    url: story.url,
    summary: story.summary,
    outlets: JSON.stringify(story.outlets),
    outlet_count: story.outletCount,
    has_government: story.hasGovernment,
    is_update: story.isUpdate,
    first_seen_at: story.firstSeenAt,
    last_seen_at: story.lastSeenAt,
  };
}
