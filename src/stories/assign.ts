// The poll hook: after a source's items are stored, put each new item into a story and (re)score topics, inside
// the poll's transaction. The database supplies candidates; decideStory and scoreItemTopics decide.
import type { Kysely } from 'kysely';
import type { BantinConfig } from '../config/schema.js';
import type { Database } from '../db/schema.js';
import {
  findStoryCandidates,
  findPrintedStoryIds,
  findStoryIdsOfItems,
  insertStories,
  insertStoryItems,
  lockStoryAssignment,
  mergeStories,
  refreshStories,
  updateStoryItemKeys,
  type NewStoryItem,
} from '../db/stories.repo.js';
import { listStoryItemTopics, replaceItemTopics, replaceStoryTopics } from '../db/topics.repo.js';
import type { Source, StoredItem } from '../ingest/types.js';
import { scoreItemTopics, type TopicContext, type TopicScore } from '../topics/categorize.js';
import { loadTopicContext } from '../topics/context.js';
import { aggregateStoryTopics } from '../topics/story-topics.js';
import { decideStory, type StoryRules } from './decide.js';
import { buildFingerprint, buildFingerprintBands, type StoryFingerprint } from './fingerprint.js';
import { PollPlacements } from './poll-batch.js';
import { StoryMerges } from './story-merges.js';

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
  const rules: StoryRules = { threshold: config.stories.threshold, windowMs: config.stories.window };
  const pending = preparePending(stored, source);
  for (const updated of pending.filter((p) => assigned.has(p.stored.id))) await rekeyItem(trx, updated);
  const placed = await placeNewItems(trx, source, pending.filter((p) => !assigned.has(p.stored.id)), rules, config.stories.mergeMatched, now);
  // An updated item's story may just have been merged into another: what is refreshed is where its items are now.
  const touched = new Set<number>([...[...assigned.values()].map((id) => placed.merges.resolve(id)), ...placed.storyIds]);
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
  const { urlKey, titleKey, bodyKey, namesKey, datesKey } = pending.fingerprint;
  await updateStoryItemKeys(trx, { itemId: pending.stored.id, urlKey, titleKey, bodyKey, namesKey, datesKey, publishedAt: pending.stored.item.publishedAt, bands: pending.bands });
}

/**
 * Puts new items into stories with a fixed number of statements per poll: one candidate lookup for all items, then
 * the decisions in memory (oldest first, each item also seeing the poll's earlier items), then the merges (config
 * `stories.mergeMatched`), the new stories and the memberships written in bulk. Returns the ids of the stories the
 * items went to, and the merges.
 */
async function placeNewItems(
  trx: Kysely<Database>,
  source: Source,
  items: PendingItem[],
  rules: StoryRules,
  mergeMatched: boolean,
  now: Date,
): Promise<{ storyIds: Set<number>; merges: StoryMerges }> {
  const windowOf = (p: PendingItem) => {
    const at = p.stored.item.publishedAt.getTime();
    return { from: new Date(at - rules.windowMs), to: new Date(at + rules.windowMs) };
  };
  const stored = await findStoryCandidates(
    trx,
    items.map((p) => ({ key: p.stored.id, urlKey: p.fingerprint.urlKey, titleKey: p.fingerprint.titleKey, bands: p.bands, ...windowOf(p) })),
  );
  const storedStoryIds = [...new Set([...stored.values()].flatMap((list) => list.map((c) => c.storyId)))];
  const merges = new StoryMerges(mergeMatched ? await findPrintedStoryIds(trx, storedStoryIds) : new Set());
  const poll = new PollPlacements();
  const newStories: { provisionalId: number; firstSeenAt: Date; title: string }[] = [];
  const members: NewStoryItem[] = [];
  for (const p of items) {
    const publishedAt = p.stored.item.publishedAt;
    const { from, to } = windowOf(p);
    const candidates = merges.applyTo([...(stored.get(p.stored.id) ?? []), ...poll.candidatesFor(p.fingerprint, p.bands, from, to)]);
    const decision = decideStory({ fingerprint: p.fingerprint, sourceId: source.id, publishedAt }, candidates, rules);
    let storyFirstSeenAt = publishedAt;
    let storyId: number;
    if (decision.kind === 'join') {
      storyId = merges.merge(decision.storyId, mergeMatched ? decision.alsoMatched : [], candidates);
      storyFirstSeenAt = merges.firstSeenOf(storyId, candidates);
    } else {
      storyId = poll.provisionalStoryId();
      newStories.push({ provisionalId: storyId, firstSeenAt: publishedAt, title: p.stored.item.title });
    }
    poll.add({ itemId: p.stored.id, storyId, sourceId: source.id, fingerprint: p.fingerprint, publishedAt, storyFirstSeenAt }, p.bands);
    members.push({
      itemId: p.stored.id,
      storyId,
      sourceId: source.id,
      urlKey: p.fingerprint.urlKey,
      titleKey: p.fingerprint.titleKey,
      bodyKey: p.fingerprint.bodyKey,
      namesKey: p.fingerprint.namesKey,
      datesKey: p.fingerprint.datesKey,
      publishedAt,
      isGovernment: source.kind === 'government',
      joinReason: decision.kind === 'join' ? decision.reason : 'new',
      similarity: decision.kind === 'join' ? decision.similarity : null,
      matchedItemId: decision.kind === 'join' ? decision.matchedItemId : null,
      bands: p.bands,
    });
  }
  // Stored stories merged into others lose their items first; stories this poll started and then merged are never
  // written.
  await mergeStories(trx, merges.list().filter((m) => !PollPlacements.isProvisional(m.from)));
  const survivingNew = newStories.filter((s) => merges.resolve(s.provisionalId) === s.provisionalId);
  const realIds = await insertStories(trx, survivingNew, now);
  const realIdOf = new Map(survivingNew.map((s, i) => [s.provisionalId, realIds[i]!]));
  const toRealId = (storyId: number) => (PollPlacements.isProvisional(storyId) ? realIdOf.get(storyId)! : storyId);
  const resolved = members.map((m) => ({ ...m, storyId: toRealId(merges.resolve(m.storyId)) }));
  await insertStoryItems(trx, resolved);
  return { storyIds: new Set(resolved.map((m) => m.storyId)), merges };
}

function scoreStoredItem(source: Source, stored: StoredItem, context: TopicContext): TopicScore[] {
  const { title, summary, categories } = stored.item;
  return scoreItemTopics({ title, summary, categories, sourceTopics: source.topics, sourceName: source.name }, context);
}

/** The hook in the shape pollSource expects, bound to a config. */
export function createStoryHook(config: StoryConfig): (trx: Kysely<Database>, source: Source, stored: StoredItem[], now: Date) => Promise<void> {
  return (trx, source, stored, now) => assignStoriesAndTopics(trx, source, stored, now, config);
}
