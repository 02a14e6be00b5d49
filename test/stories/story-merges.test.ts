import { describe, expect, it } from 'vitest';
import type { StoryCandidate } from '../../src/stories/decide.js';
import { buildFingerprint } from '../../src/stories/fingerprint.js';
import { StoryMerges } from '../../src/stories/story-merges.js';

const fingerprint = buildFingerprint({ title: 'Tin', summary: '', url: null });
const day = (n: number) => new Date(Date.UTC(2026, 10, n));
const member = (itemId: number, storyId: number, firstSeen: Date): StoryCandidate => ({
  itemId,
  storyId,
  sourceId: itemId,
  fingerprint,
  publishedAt: firstSeen,
  storyFirstSeenAt: firstSeen,
});

describe('StoryMerges', () => {
  it('merges the matched stories into the oldest id and keeps the earliest first-seen time', () => {
    const merges = new StoryMerges(new Set());
    const candidates = [member(1, 7, day(3)), member(2, 5, day(4)), member(3, 9, day(2))];
    expect(merges.merge(9, [5, 7], candidates)).toBe(5);
    expect(merges.list()).toEqual([{ from: 7, into: 5 }, { from: 9, into: 5 }]);
    const after = merges.applyTo(candidates);
    expect(after.map((c) => c.storyId)).toEqual([5, 5, 5]);
    expect(after.map((c) => c.storyFirstSeenAt)).toEqual([day(2), day(2), day(2)]);
    expect(merges.firstSeenOf(5, after)).toEqual(day(2));
  });

  it('follows chains: a story merged into one that is merged later resolves to the last survivor', () => {
    const merges = new StoryMerges(new Set());
    merges.merge(8, [6], [member(1, 8, day(5)), member(2, 6, day(5))]);
    merges.merge(6, [4], [member(3, 6, day(5)), member(4, 4, day(6))]);
    expect(merges.resolve(8)).toBe(4);
    expect(merges.list()).toEqual([{ from: 6, into: 4 }, { from: 8, into: 4 }]);
  });

  it('keeps a printed story: it survives over older ones, and a second printed story is left as it is', () => {
    const merges = new StoryMerges(new Set([6, 8]));
    const candidates = [member(1, 4, day(1)), member(2, 6, day(2)), member(3, 8, day(3))];
    expect(merges.merge(8, [4, 6], candidates)).toBe(8);
    expect(merges.list()).toEqual([{ from: 4, into: 6 }]);
    expect(merges.resolve(8)).toBe(8);
  });

  it('changes nothing when the item matched one story', () => {
    const merges = new StoryMerges(new Set());
    expect(merges.merge(3, [], [member(1, 3, day(1))])).toBe(3);
    expect(merges.list()).toEqual([]);
  });
});
