// How much a shared syllable says about two texts telling one story: rare syllables (a name, a place, a product)
// much, the words every report uses ("bộ", "năm", "thủ tướng", "hội nghị") little. Inverse document frequency over
// a fixed table of news texts (syllable-frequency.data.ts, rebuilt by bench/eval/build-weights.ts), so a decision
// never depends on what happens to be stored.
import { isYearToken } from './figures.js';
import { FREQUENCY_TEXTS, SYLLABLE_FREQUENCY } from './syllable-frequency.data.js';

/** The table leaves out syllables seen in fewer than two texts; an absent syllable counts as seen once. */
const ABSENT_FREQUENCY = 1;

/** A year ("2028") is shared by every report of its year, but the table saw each year only as often as its texts
 * were dated in it, and a year after the table's texts not at all (which would make "2029" as telling as a name).
 * Every year weighs as much as the year the table saw most. */
const YEAR_FREQUENCY = Math.max(ABSENT_FREQUENCY, ...Object.keys(SYLLABLE_FREQUENCY).filter(isYearToken).map((t) => SYLLABLE_FREQUENCY[t]!));

/** ln((N + 1) / (df + 1)) of a folded content syllable (or contracted alias): 0.9 for the commonest, 6.8 for the rarest. */
export function weighSyllable(token: string): number {
  const frequency = isYearToken(token) ? YEAR_FREQUENCY : Object.hasOwn(SYLLABLE_FREQUENCY, token) ? SYLLABLE_FREQUENCY[token]! : ABSENT_FREQUENCY;
  return Math.log((FREQUENCY_TEXTS + 1) / (frequency + 1));
}

/** A text's distinct syllables, sorted, with their total weight: prepared once per text, compared many times. */
export interface WeightedSyllables {
  sorted: readonly string[];
  set: ReadonlySet<string>;
  weight: number;
}

export function weighSyllables(tokens: Iterable<string>): WeightedSyllables {
  const set = new Set(tokens);
  const sorted = [...set].sort();
  return { sorted, set, weight: sumWeights(sorted) };
}

/** Rarity-weighted Jaccard and overlap of two texts' syllables: the weight they share over the weight of their
 * union, and over the lighter of the two. */
export function measureWeightedOverlap(a: WeightedSyllables, b: WeightedSyllables): { jaccard: number; overlap: number } {
  // Every sum runs in sorted order, so (a, b) and (b, a) give the same bits and equal texts give exactly 1.
  const shared = sumWeights(a.sorted.filter((token) => b.set.has(token)));
  const union = a.weight + b.weight - shared;
  const lighter = Math.min(a.weight, b.weight);
  return { jaccard: union === 0 ? 0 : shared / union, overlap: lighter === 0 ? 0 : shared / lighter };
}

function sumWeights(tokens: readonly string[]): number {
  let sum = 0;
  for (const token of tokens) sum += weighSyllable(token);
  return sum;
}
