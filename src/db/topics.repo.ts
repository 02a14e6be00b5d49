// Item and story topics, the stored classifier, and the labeled items it is trained from.
import type { Kysely } from 'kysely';
import type { TopicModel } from '../topics/naive-bayes.js';
import type { Database } from './schema.js';

export interface ItemTopicRow {
  storyId: number;
  itemId: number;
  topic: string;
  score: number;
  reasons: string[];
  sourceName: string;
}

export interface TrainingItem {
  title: string;
  summary: string;
  categories: string[];
  sourceTopics: string[];
}

/** Replaces the topic scores of several items at once. */
export async function replaceItemTopics(
  db: Kysely<Database>,
  entries: { itemId: number; topics: { topic: string; score: number; reasons: string[] }[] }[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.deleteFrom('item_topics').where('item_id', 'in', entries.map((e) => e.itemId)).execute();
  const rows = entries.flatMap((e) => e.topics.map((t) => ({ item_id: e.itemId, topic_key: t.topic, score: t.score, reasons: JSON.stringify(t.reasons) })));
  if (rows.length > 0) await db.insertInto('item_topics').values(rows).execute();
}

/** The topic scores of every item of the given stories, with the item's story and source name. */
export async function listStoryItemTopics(db: Kysely<Database>, storyIds: number[]): Promise<ItemTopicRow[]> {
  if (storyIds.length === 0) return [];
  const rows = await db
    .selectFrom('item_topics as it')
    .innerJoin('story_items as si', 'si.item_id', 'it.item_id')
    .innerJoin('sources as s', 's.id', 'si.source_id')
    .select(['si.story_id', 'it.item_id', 'it.topic_key', 'it.score', 'it.reasons', 's.name'])
    .where('si.story_id', 'in', storyIds)
    .orderBy('it.item_id')
    .execute();
  return rows.map((r) => ({ storyId: r.story_id, itemId: r.item_id, topic: r.topic_key, score: r.score, reasons: r.reasons, sourceName: r.name }));
}

/** Replaces the topics of several stories; each row copies its story's first-seen time for the topic feed index. */
export async function replaceStoryTopics(db: Kysely<Database>, stories: { storyId: number; topics: { topic: string; score: number; reason: string }[] }[]): Promise<void> {
  if (stories.length === 0) return;
  const ids = stories.map((s) => s.storyId);
  await db.deleteFrom('story_topics').where('story_id', 'in', ids).execute();
  const rows = stories.flatMap((s) => s.topics.map((t) => ({ story_id: s.storyId, topic_key: t.topic, score: t.score, reason: t.reason })));
  if (rows.length === 0) return;
  const firstSeen = new Map((await db.selectFrom('stories').select(['id', 'first_seen_at']).where('id', 'in', ids).execute()).map((r) => [r.id, r.first_seen_at]));
  await db
    .insertInto('story_topics')
    .values(rows.map((r) => ({ ...r, first_seen_at: firstSeen.get(r.story_id) ?? new Date(0) })))
    .execute();
}

/** Stores a trained model and keeps only the few most recent ones. */
export async function saveTopicModel(db: Kysely<Database>, model: TopicModel, docCount: number, now: Date): Promise<number> {
  const row = await db
    .insertInto('topic_models')
    .values({ trained_at: now, doc_count: docCount, model: JSON.stringify(model) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('topic_models').where('id', '<=', row.id - 3).execute();
  return row.id;
}

/** Identity of the newest stored model (id plus creation time, unique across databases in practice), or null. */
export async function findLatestTopicModelVersion(db: Kysely<Database>): Promise<{ id: number; version: string } | null> {
  const row = await db.selectFrom('topic_models').select(['id', 'created_at']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? { id: row.id, version: `${row.id}@${new Date(row.created_at).toISOString()}` } : null;
}

/** A stored model by id. */
export async function loadTopicModel(db: Kysely<Database>, id: number): Promise<TopicModel | null> {
  const row = await db.selectFrom('topic_models').select('model').where('id', '=', id).executeTakeFirst();
  return row ? (row.model as TopicModel) : null;
}

/** Recent items with their source's topics and their categories: the raw material for training labels. */
export async function listTrainingItems(db: Kysely<Database>, since: Date, limit: number): Promise<TrainingItem[]> {
  const rows = await db
    .selectFrom('items as i')
    .innerJoin('sources as s', 's.id', 'i.source_id')
    .select(['i.title', 'i.summary', 'i.categories', 's.topics'])
    .where('i.published_at', '>=', since)
    .orderBy('i.published_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ title: r.title, summary: r.summary, categories: r.categories, sourceTopics: r.topics }));
}

/** Topic scores of the given items, by item id, highest score first. */
export async function listItemTopicScores(db: Kysely<Database>, itemIds: number[]): Promise<Map<number, { topic: string; score: number; reasons: string[] }[]>> {
  const out = new Map<number, { topic: string; score: number; reasons: string[] }[]>();
  if (itemIds.length === 0) return out;
  const rows = await db.selectFrom('item_topics').selectAll().where('item_id', 'in', itemIds).orderBy('score', 'desc').orderBy('topic_key').execute();
  for (const row of rows) out.set(row.item_id, [...(out.get(row.item_id) ?? []), { topic: row.topic_key, score: row.score, reasons: row.reasons }]);
  return out;
}
