// Clusters evaluation items in memory the way the store does: oldest first, candidates from shared LSH bands or
// an equal folded title, then the same pure decideStory the poll hook calls; with `mergeMatched` (config
// `stories.mergeMatched`), stories the item matched besides the one it joined are merged into the oldest of them.
import { decideStory, type StoryCandidate, type StoryRules } from '../../src/stories/decide.js';
import { buildFingerprint, buildFingerprintBands } from '../../src/stories/fingerprint.js';
import { StoryMerges } from '../../src/stories/story-merges.js';
import type { EvalItem } from './dataset.js';

/** The store's bound on candidates read per new item (src/db/stories.repo.ts). */
const MAX_CANDIDATES = 64;

/** Story number of each item id. */
export function clusterEvalItems(
  items: EvalItem[],
  rules: StoryRules,
  options: { mergeMatched?: boolean; onJoin?: (item: EvalItem, matched: EvalItem, score: number) => void } = {},
): Map<string, number> {
  const outletIds = new Map<string, number>();
  const bandIndex = new Map<string, number[]>();
  const placed: StoryCandidate[] = [];
  const storyOf = new Map<string, number>();
  const firstSeen = new Map<number, Date>();
  const merges = new StoryMerges(new Set());
  const ordered = [...items].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.id.localeCompare(b.id));
  ordered.forEach((item, index) => {
    const sourceId = outletIds.get(item.outlet) ?? outletIds.size + 1;
    outletIds.set(item.outlet, sourceId);
    const fingerprint = buildFingerprint({ title: item.title, summary: item.summary, url: null }, item.outlet);
    const bandKeys = buildFingerprintBands(fingerprint).map((b) => `${b.band}:${b.hash}`);
    // As the store reads them (stories.repo.ts): the items sharing the most bands within the window, at most
    // MAX_CANDIDATES, older first on ties; plus any with the same folded title.
    const sharedBands = new Map<number, number>();
    for (const key of bandKeys) {
      for (const i of bandIndex.get(key) ?? []) {
        if (item.publishedAt.getTime() - placed[i]!.publishedAt.getTime() <= rules.windowMs) sharedBands.set(i, (sharedBands.get(i) ?? 0) + 1);
      }
    }
    const ranked = [...sharedBands].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_CANDIDATES);
    const candidateIdx = new Set<number>(ranked.map(([i]) => i));
    placed.forEach((c, i) => c.fingerprint.titleKey === fingerprint.titleKey && candidateIdx.add(i));
    const candidates = merges.applyTo([...candidateIdx].map((i) => ({ ...placed[i]!, storyFirstSeenAt: firstSeen.get(placed[i]!.storyId)! })));
    const decision = decideStory({ fingerprint, sourceId, publishedAt: item.publishedAt }, candidates, rules);
    if (decision.kind === 'join') options.onJoin?.(item, ordered[decision.matchedItemId - 1]!, decision.similarity);
    const storyId = decision.kind === 'join' ? merges.merge(decision.storyId, options.mergeMatched ? decision.alsoMatched : [], candidates) : index + 1;
    if (!firstSeen.has(storyId)) firstSeen.set(storyId, item.publishedAt);
    placed.push({ itemId: index + 1, storyId, sourceId, fingerprint, publishedAt: item.publishedAt, storyFirstSeenAt: item.publishedAt });
    for (const key of bandKeys) bandIndex.set(key, [...(bandIndex.get(key) ?? []), placed.length - 1]);
    storyOf.set(item.id, storyId);
  });
  return new Map([...storyOf].map(([id, storyId]) => [id, merges.resolve(storyId)]));
}
