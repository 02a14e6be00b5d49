// Builds what categorization needs from the config and the stored model, once per config and model version.
import type { Kysely } from 'kysely';
import type { BantinConfig } from '../config/schema.js';
import { findLatestTopicModelVersion, loadTopicModel } from '../db/topics.repo.js';
import type { Database } from '../db/schema.js';
import { buildCategoryMap } from './category-map.js';
import type { TopicContext } from './categorize.js';
import { compileKeywordRules } from './keyword-rules.js';

export type TopicConfigPart = Pick<BantinConfig, 'categoryMap' | 'topics'>;

const compiled = new WeakMap<TopicConfigPart, Omit<TopicContext, 'model'>>();
// Keyed by version, not id alone: one process may talk to several databases (tests, tools) whose ids overlap.
let cachedModel: { version: string; model: TopicContext['model'] } | null = null;

/** Compiles keyword rules, the category map and the known topic keys of a config (cached per config object). */
export function buildTopicRules(config: TopicConfigPart): Omit<TopicContext, 'model'> {
  const hit = compiled.get(config);
  if (hit) return hit;
  const built = {
    rules: compileKeywordRules(config.topics),
    categoryMap: buildCategoryMap(config.categoryMap),
    knownTopics: new Set(config.topics.map((t) => t.key)),
  };
  compiled.set(config, built);
  return built;
}

/** The full categorization context: compiled rules plus the newest stored classifier (re-read only when it changes). */
export async function loadTopicContext(db: Kysely<Database>, config: TopicConfigPart): Promise<TopicContext> {
  const latest = await findLatestTopicModelVersion(db);
  if (latest === null) return { ...buildTopicRules(config), model: null };
  if (cachedModel?.version !== latest.version) cachedModel = { version: latest.version, model: await loadTopicModel(db, latest.id) };
  return { ...buildTopicRules(config), model: cachedModel.model };
}
