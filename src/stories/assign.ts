// The poll hook: after a source's items are stored, put each new item into a story and (re)score topics, inside
// the poll's transaction. The database supplies candidates; decideStory and scoreItemTopics decide.
import type { Kysely } from 'kysely';
import type { BantinConfig } from '../config/schema.js';
import type { Database } from '../db/schema.js';
import {
  findStoryCandidates,
  findStoryIdsOfItems,
  insertStory,
  insertStoryItem,
  lockStoryAssignment,
  refreshStories,
  updateStoryItemKeys,
} from '../db/stories.repo.js';
import { listStoryItemTopics, replaceItemTopics, replaceStoryTopics } from '../db/topics.repo.js';
import type { Source, StoredItem } from '../ingest/types.js';
import { scoreItemTopics, type TopicContext, type TopicScore } from '../topics/categorize.js';
import { loadTopicContext } from '../topics/context.js';
import { aggregateStoryTopics } from '../topics/story-topics.js';
import { decideStory, type StoryRules } from './decide.js';
import { buildFingerprint, buildFingerprintBands, type StoryFingerprint } from './fingerprint.js';

export type StoryConfig = Pick<BantinConfig, 'stories' | 'categoryMap' | 'topics'>;

interface PendingItem {
  stored: StoredItem;
  fingerprint: StoryFingerprint;
  bands: { band: number; hash: number }[];
}

/**
 * Assigns stories and topics to the items a poll stored. New items join a story or start one; updated items keep
 * their story and only get their topics re-scored. Call inside the source's poll transaction.
 */
export async function assignStoriesAndTopics(trx: Kysely<Database>, source: Source, stored: StoredItem[], now: Date, config: StoryConfig): Promise<void> {
  if (stored.length === 0) return;
  await lockStoryAssignment(trx);
  const assigned = await findStoryIdsOfItems(trx, stored.map((s) => s.id));
  const touched = new Set<number>(assigned.values());
  const rules: StoryRules = { threshold: config.stories.threshold, windowMs: config.stories.window };
  for (const pending of preparePending(stored, source)) {
    if (assigned.has(pending.stored.id)) await rekeyItem(trx, pending);
    else touched.add(await placeItem(trx, source, pending, rules, now));
  }
  const context = await loadTopicContext(trx, config);
  await replaceItemTopics(trx, stored.map((item) => ({ itemId: item.id, topics: scoreStoredItem(source, item, context) })));
  const storyIds = [...touched];
  await refreshStories(trx, storyIds, now);
  const rows = await listStoryItemTopics(trx, storyIds);
  await replaceStoryTopics(
    trx,
    storyIds.map((storyId) => ({ storyId, topics: aggregateStoryTopics(rows.filter((r) => r.storyId === storyId), config.stories.topicThreshold) })),
  );
}

// Oldest first, so that re-clustering the same items gives the same stories whatever order the feed listed them in.
function preparePending(items: StoredItem[], source: Source): PendingItem[] {
  return items
    .map((stored) => {
      const fingerprint = buildFingerprint({ title: stored.item.title, summary: stored.item.summary, url: stored.item.url }, source.name);
      return { stored, fingerprint, bands: buildFingerprintBands(fingerprint) };
    })
    .sort((a, b) => a.stored.item.publishedAt.getTime() - b.stored.item.publishedAt.getTime() || a.stored.id - b.stored.id);
}

async function rekeyItem(trx: Kysely<Database>, pending: PendingItem): Promise<void> {
  const { urlKey, titleKey, bodyKey } = pending.fingerprint;
  await updateStoryItemKeys(trx, { itemId: pending.stored.id, urlKey, titleKey, bodyKey, publishedAt: pending.stored.item.publishedAt, bands: pending.bands });
}

async function placeItem(trx: Kysely<Database>, source: Source, pending: PendingItem, rules: StoryRules, now: Date): Promise<number> {
  const publishedAt = pending.stored.item.publishedAt;
  const candidates = await findStoryCandidates(trx, {
    urlKey: pending.fingerprint.urlKey,
    titleKey: pending.fingerprint.titleKey,
    bands: pending.bands,
    from: new Date(publishedAt.getTime() - rules.windowMs),
    to: new Date(publishedAt.getTime() + rules.windowMs),
  });
  const decision = decideStory({ fingerprint: pending.fingerprint, sourceId: source.id, publishedAt }, candidates, rules);
  const storyId = decision.kind === 'join' ? decision.storyId : await insertStory(trx, publishedAt, pending.stored.item.title, now);
  await insertStoryItem(trx, {
    itemId: pending.stored.id,
    storyId,
    sourceId: source.id,
    urlKey: pending.fingerprint.urlKey,
    titleKey: pending.fingerprint.titleKey,
    bodyKey: pending.fingerprint.bodyKey,
    publishedAt,
    isGovernment: source.kind === 'government',
    joinReason: decision.kind === 'join' ? decision.reason : 'new',
    similarity: decision.kind === 'join' ? decision.similarity : null,
    matchedItemId: decision.kind === 'join' ? decision.matchedItemId : null,
    bands: pending.bands,
  });
  return storyId;
}

function scoreStoredItem(source: Source, stored: StoredItem, context: TopicContext): TopicScore[] {
  const { title, summary, categories } = stored.item;
  return scoreItemTopics({ title, summary, categories, sourceTopics: source.topics, sourceName: source.name }, context);
}

/** The hook in the shape pollSource expects, bound to a config. */
export function createStoryHook(config: StoryConfig): (trx: Kysely<Database>, source: Source, stored: StoredItem[], now: Date) => Promise<void> {
  return (trx, source, stored, now) => assignStoriesAndTopics(trx, source, stored, now, config);
}
