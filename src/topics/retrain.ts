// The retraining job: label recent items by their section feed or mapped category, train, store the model.
import type { Kysely } from 'kysely';
import { listTrainingItems, saveTopicModel } from '../db/topics.repo.js';
import type { Database } from '../db/schema.js';
import { stripLeadingLabels, stripTitleDecorations } from '../text/clean-title.js';
import { tokenizeSyllables } from '../text/fold.js';
import { buildCategoryMap, mapCategories } from './category-map.js';
import type { TopicConfigPart } from './context.js';
import { DEFAULT_TOPIC_KEYWORDS } from './default-keywords.js';
import { trainTopicModel, type TrainingDoc } from './naive-bayes.js';

const TRAINING_WINDOW_MS = 90 * 24 * 3_600_000;
const MAX_TRAINING_ITEMS = 50_000;

export interface RetrainResult {
  modelId: number | null;
  docCount: number;
  topics: Record<string, number>;
}

/**
 * Retrains the classifier from the last 90 days of items whose topic is known without it: a section feed with
 * exactly one topic, else categories mapping to exactly one topic. Stores nothing when fewer than two topics
 * have examples. Safe to run at any time; the next poll picks the new model up.
 */
export async function retrainTopicModel(db: Kysely<Database>, now: Date, config: TopicConfigPart = { categoryMap: {}, topics: [] }): Promise<RetrainResult> {
  const items = await listTrainingItems(db, new Date(now.getTime() - TRAINING_WINDOW_MS), MAX_TRAINING_ITEMS);
  const categoryMap = buildCategoryMap(config.categoryMap);
  const known = config.topics.length > 0 ? new Set(config.topics.map((t) => t.key)) : null;
  const docs: TrainingDoc[] = [];
  for (const item of items) {
    const topic = labelTrainingItem(item.sourceTopics, item.categories, categoryMap);
    if (!topic || (known && !known.has(topic))) continue;
    docs.push({ topic, title: tokenizeSyllables(stripTitleDecorations(item.title)), summary: tokenizeSyllables(stripLeadingLabels(item.summary)) });
  }
  const topics: Record<string, number> = {};
  for (const doc of docs) topics[doc.topic] = (topics[doc.topic] ?? 0) + 1;
  const model = trainTopicModel(docs, seedPhrasesOf(config));
  if (!model) return { modelId: null, docCount: docs.length, topics };
  return { modelId: await saveTopicModel(db, model, docs.length, now), docCount: docs.length, topics };
}

// The keyword prior: each configured topic's own keywords plus the built-in ones, the same lists the keyword rules
// match; without a topic config, the built-in lists.
function seedPhrasesOf(config: TopicConfigPart): Record<string, string[]> {
  if (config.topics.length === 0) return DEFAULT_TOPIC_KEYWORDS;
  return Object.fromEntries(config.topics.map((t) => [t.key, [...t.keywords, ...(DEFAULT_TOPIC_KEYWORDS[t.key] ?? [])]]));
}

/** The single topic an item is known to have without the classifier, or null when none or ambiguous. */
export function labelTrainingItem(sourceTopics: string[], categories: string[], categoryMap: Map<string, string>): string | null {
  if (sourceTopics.length === 1) return sourceTopics[0] ?? null;
  if (sourceTopics.length > 1) return null;
  const mapped = mapCategories(categories, categoryMap);
  return mapped.length === 1 ? (mapped[0]?.topic ?? null) : null;
}
