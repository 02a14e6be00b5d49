// How much a shared syllable says about two texts telling one story: rare syllables (a name, a place, a product)
// much, the words every report uses ("bộ", "năm", "thủ tướng", "hội nghị") little. Inverse document frequency over
// a fixed table of news texts (syllable-frequency.data.ts, rebuilt by bench/eval/build-weights.ts), so a decision
// never depends on what happens to be stored.
import { FREQUENCY_TEXTS, SYLLABLE_FREQUENCY } from './syllable-frequency.data.js';

/** The table leaves out syllables seen in fewer than two texts; an absent syllable counts as seen once. */
const ABSENT_FREQUENCY = 1;

/** ln((N + 1) / (df + 1)) of a folded content syllable (or contracted alias): 0.9 for the commonest, 6.1 for the rarest. */
export function weighSyllable(token: string): number {
  const frequency = Object.hasOwn(SYLLABLE_FREQUENCY, token) ? SYLLABLE_FREQUENCY[token]! : ABSENT_FREQUENCY;
  return Math.log((FREQUENCY_TEXTS + 1) / (frequency + 1));
}

/** Rarity-weighted Jaccard and overlap of two sets of syllables: the weight they share over the weight of their
 * union, and over the lighter of the two. */
export function measureWeightedOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>): { jaccard: number; overlap: number } {
  const sumWeights = (tokens: Iterable<string>) => {
    let sum = 0;
    for (const token of tokens) sum += weighSyllable(token);
    return sum;
  };
  // Every sum in sorted order, so that (a, b) and (b, a) give the same bits and equal sets give exactly 1.
  const shared = sumWeights([...a].filter((token) => b.has(token)).sort());
  const weightA = sumWeights([...a].sort());
  const weightB = sumWeights([...b].sort());
  const union = weightA + weightB - shared;
  const lighter = Math.min(weightA, weightB);
  return { jaccard: union === 0 ? 0 : shared / union, overlap: lighter === 0 ? 0 : shared / lighter };
}
