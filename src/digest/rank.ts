// Choosing an edition's stories: pure functions over plain values.
import type { EditionStory, StoryCandidate } from './types.js';

/** Orders stories: more outlets first, then a government source, then the most recent, then the lower id. */
export function compareCandidates(a: StoryCandidate, b: StoryCandidate): number {
  return (
    countOutlets(b) - countOutlets(a) ||
    Number(hasGovernmentOutlet(b)) - Number(hasGovernmentOutlet(a)) ||
    b.lastSeenAt.getTime() - a.lastSeenAt.getTime() ||
    a.storyId - b.storyId
  );
}

/**
 * The top `limit` stories of one topic. `previousOutlets` maps a story already sent in an earlier edition to the
 * outlet count it had then; such a story comes back only with more outlets, marked as an update.
 */
export function selectTopicStories(
  topicKey: string,
  candidates: readonly StoryCandidate[],
  previousOutlets: ReadonlyMap<number, number>,
  limit: number,
): EditionStory[] {
  return candidates
    .filter((story) => story.topics.includes(topicKey))
    .filter((story) => !previousOutlets.has(story.storyId) || countOutlets(story) > previousOutlets.get(story.storyId)!)
    .sort(compareCandidates)
    .slice(0, limit)
    .map((story, index) => ({
      ...story,
      topicKey,
      rank: index + 1,
      outletCount: countOutlets(story),
      hasGovernment: hasGovernmentOutlet(story),
      isUpdate: previousOutlets.has(story.storyId),
    }));
}

/** Every topic's selection, in the order of `topicKeys`. */
export function selectEditionStories(
  topicKeys: readonly string[],
  candidates: readonly StoryCandidate[],
  previousOutlets: ReadonlyMap<number, number>,
  limit: number,
): EditionStory[] {
  return topicKeys.flatMap((key) => selectTopicStories(key, candidates, previousOutlets, limit));
}

/** Distinct outlets (by source key). */
export function countOutlets(story: Pick<StoryCandidate, 'outlets'>): number {
  return new Set(story.outlets.map((o) => o.sourceKey)).size;
}

/** True when a government source carried the story. */
export function hasGovernmentOutlet(story: Pick<StoryCandidate, 'outlets'>): boolean {
  return story.outlets.some((o) => o.kind === 'government');
}
