// The items one poll has already placed, as candidates for the poll's later items. The hook reads candidates from
// the database once for the whole poll, so items of the same poll (two outlets' copies in one aggregator feed, a
// flood from one source) must find each other here, with the same rules the database lookup applies: a shared LSH
// band within the window, the same URL, or the same folded title within the window.
import type { StoryCandidate } from './decide.js';
import type { StoryFingerprint } from './fingerprint.js';

/** Stories started inside a poll get ids above every real id until the database assigns theirs; they still sort in
 * creation order, after existing stories, as real ids would. */
const PROVISIONAL_BASE = 2 ** 52;

export interface PlacedInPoll extends StoryCandidate {
  bandKeys: string[];
}

export class PollPlacements {
  private readonly placed: PlacedInPoll[] = [];
  private readonly byBand = new Map<string, PlacedInPoll[]>();
  private newStories = 0;

  /** A fresh id for a story this poll starts. */
  provisionalStoryId(): number {
    this.newStories += 1;
    return PROVISIONAL_BASE + this.newStories;
  }

  static isProvisional(storyId: number): boolean {
    return storyId > PROVISIONAL_BASE;
  }

  add(candidate: StoryCandidate, bands: { band: number; hash: number }[]): void {
    const entry = { ...candidate, bandKeys: bands.map(toBandKey) };
    this.placed.push(entry);
    for (const key of entry.bandKeys) this.byBand.set(key, [...(this.byBand.get(key) ?? []), entry]);
  }

  /** Earlier items of this poll that the database lookup would have returned for this item. */
  candidatesFor(fingerprint: StoryFingerprint, bands: { band: number; hash: number }[], from: Date, to: Date): StoryCandidate[] {
    const inWindow = (c: StoryCandidate) => c.publishedAt >= from && c.publishedAt <= to;
    const found = new Set<PlacedInPoll>();
    for (const key of bands.map(toBandKey)) for (const c of this.byBand.get(key) ?? []) if (inWindow(c)) found.add(c);
    for (const c of this.placed) {
      if (fingerprint.urlKey !== null && c.fingerprint.urlKey === fingerprint.urlKey) found.add(c);
      else if (c.fingerprint.titleKey === fingerprint.titleKey && inWindow(c)) found.add(c);
    }
    return [...found].map(({ bandKeys: _bandKeys, ...candidate }) => candidate);
  }
}

function toBandKey(band: { band: number; hash: number }): string {
  return `${band.band}:${band.hash}`;
}
