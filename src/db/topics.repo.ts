// Item and story topics, the stored classifier, and the labeled items it is trained from.
import type { Kysely } from 'kysely';
import type { TopicModel } from '../topics/naive-bayes.js';
import type { Database } from './schema.js';

export interface ItemTopicRow {
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

/** Replaces an item's topic scores. */
export async function replaceItemTopics(db: Kysely<Database>, itemId: number, topics: { topic: string; score: number; reasons: string[] }[]): Promise<void> {
  await db.deleteFrom('item_topics').where('item_id', '=', itemId).execute();
  if (topics.length === 0) return;
  await db
    .insertInto('item_topics')
    .values(topics.map((t) => ({ item_id: itemId, topic_key: t.topic, score: t.score, reasons: JSON.stringify(t.reasons) })))
    .execute();
}

/** The topic scores of every item of a story, with the item's source name. */
export async function listStoryItemTopics(db: Kysely<Database>, storyId: number): Promise<ItemTopicRow[]> {
  const rows = await db
    .selectFrom('item_topics as it')
    .innerJoin('story_items as si', 'si.item_id', 'it.item_id')
    .innerJoin('sources as s', 's.id', 'si.source_id')
    .select(['it.item_id', 'it.topic_key', 'it.score', 'it.reasons', 's.name'])
    .where('si.story_id', '=', storyId)
    .orderBy('it.item_id')
    .execute();
  return rows.map((r) => ({ itemId: r.item_id, topic: r.topic_key, score: r.score, reasons: r.reasons, sourceName: r.name }));
}

/** Replaces a story's topics. */
export async function replaceStoryTopics(db: Kysely<Database>, storyId: number, topics: { topic: string; score: number; reason: string }[]): Promise<void> {
  await db.deleteFrom('story_topics').where('story_id', '=', storyId).execute();
  if (topics.length === 0) return;
  const story = await db.selectFrom('stories').select('first_seen_at').where('id', '=', storyId).executeTakeFirstOrThrow();
  await db
    .insertInto('story_topics')
    .values(topics.map((t) => ({ story_id: storyId, topic_key: t.topic, score: t.score, reason: t.reason, first_seen_at: story.first_seen_at })))
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

/** Id of the newest stored model, or null. */
export async function findLatestTopicModelId(db: Kysely<Database>): Promise<number | null> {
  const row = await db.selectFrom('topic_models').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
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
