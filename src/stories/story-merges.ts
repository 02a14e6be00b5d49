// The stories one poll merges. An item that matches items of two stories shows they tell one event: two outlets'
// versions in their own words can share too little to join each other, yet both match a third outlet that kept
// phrases of each. With `stories.mergeMatched` on, the stories then become one, under the oldest id, so a feed
// reader keeps the entry it has seen longest. A story a digest edition has printed is never merged away (the
// edition records it by id, and its next edition must recognise it); it takes the others in instead. Pure
// bookkeeping: assign.ts writes the result.
import type { StoryCandidate } from './decide.js';

export class StoryMerges {
  /** Merged-away story → the story it went into (possibly merged further). */
  private readonly into = new Map<number, number>();
  /** Surviving story → the earliest first-seen time of everything merged into it. */
  private readonly firstSeen = new Map<number, Date>();

  constructor(private readonly printed: ReadonlySet<number>) {}

  /** The story a story id now stands for. */
  resolve(storyId: number): number {
    let current = storyId;
    for (let next = this.into.get(current); next !== undefined; next = this.into.get(current)) current = next;
    return current;
  }

  /** The candidates as members of the stories they are in after this poll's merges so far. */
  applyTo(candidates: StoryCandidate[]): StoryCandidate[] {
    return candidates.map((candidate) => {
      const storyId = this.resolve(candidate.storyId);
      const merged = this.firstSeen.get(storyId);
      return { ...candidate, storyId, storyFirstSeenAt: merged && merged < candidate.storyFirstSeenAt ? merged : candidate.storyFirstSeenAt };
    });
  }

  /**
   * Records that the item joined `joined` and also matched `alsoMatched` (ids as given by `applyTo`'s candidates);
   * returns the story the item goes into.
   */
  merge(joined: number, alsoMatched: readonly number[], candidates: readonly StoryCandidate[]): number {
    if (alsoMatched.length === 0) return joined;
    const group = [joined, ...alsoMatched];
    const survivor = group.filter((id) => this.printed.has(id)).sort((a, b) => a - b)[0] ?? Math.min(...group);
    let earliest = this.firstSeenOf(survivor, candidates);
    for (const storyId of group) {
      if (storyId === survivor || this.printed.has(storyId)) continue;
      this.into.set(storyId, survivor);
      const seen = this.firstSeenOf(storyId, candidates);
      if (seen < earliest) earliest = seen;
    }
    this.firstSeen.set(survivor, earliest);
    return this.resolve(joined);
  }

  /** When a story (after merges) was first seen, from the candidates that are its members. */
  firstSeenOf(storyId: number, candidates: readonly StoryCandidate[]): Date {
    let earliest = this.firstSeen.get(storyId) ?? null;
    for (const c of candidates) if (c.storyId === storyId && (earliest === null || c.storyFirstSeenAt < earliest)) earliest = c.storyFirstSeenAt;
    if (earliest === null) throw new Error(`story ${storyId} has no candidate to read its first-seen time from`);
    return earliest;
  }

  /** Every merge, each into the story that finally survives. */
  list(): { from: number; into: number }[] {
    return [...this.into.keys()].sort((a, b) => a - b).map((from) => ({ from, into: this.resolve(from) }));
  }
}
