// How likely two items tell the same story, from evidence beyond word overlap. Outlets rewriting one release share
// only 20–35 % of their content syllables, as much as look-alike reports of different events do; what tells them
// apart is whether they agree on the facts a rewrite keeps (the date, the figures, who and where) and how close
// in time they appeared. A logistic model weighs that evidence; its weights were fitted on the train split of the
// labeled set (bench/eval/fit-pairs.ts prints them) and are fixed here, so a decision never depends on what is stored.
import { measureWeightedOverlap, weighSyllable } from '../text/syllable-weights.js';
import { measureMissingNames, measureNumberDisagreement, measureSimilarity, type ComparableText } from './compare.js';

/** The facts about a pair, each a number a reader of `bantin explain` can check; PAIR_FEATURES are the ones weighed. */
export interface PairEvidence {
  /** Jaccard similarity of the content syllables of title and lede. Shown, not weighed: the weighted form below
   * replaced it (round 5, bench/eval/README.md). */
  jaccard: number;
  /** Share of the shorter text's content syllables found in the other. Shown, not weighed, like jaccard. */
  overlap: number;
  /** Jaccard with each syllable weighted by its rarity in news text (text/syllable-weights.ts): two reports sharing
   * a name and a place say more than two sharing "Thủ tướng", "hội nghị" and "năm 2027". */
  weightedJaccard: number;
  /** The weight shared over the weight of the lighter text. */
  weightedOverlap: number;
  /** Rarity-weighted overlap of the two titles alone: a rewrite keeps the subject in its title, two releases of
   * one morning share only the boilerplate ("Chính phủ ban hành Nghị định", "từ 1/7"). */
  titleWeightedOverlap: number;
  /** Of the two titles' content, weighted by rarity, the smaller and the larger share found anywhere in the other
   * text (its title or its lede): a rewrite's title names what the other report is about, a look-alike's title
   * names a subject the other never mentions ("MB" against "Techcombank" on one morning of bank results). */
  titleCoverageMin: number;
  titleCoverageMax: number;
  /** ln(1 + rare syllables in common): names, places, products, exact figures (weight ≥ RARE_WEIGHT). */
  logSharedRare: number;
  /** ln(1 + exact figures in common, leaving out the small whole numbers that dates and counts share). */
  logSharedFigures: number;
  /** ln(1 + content syllables in common): one shared word of a three-word text is weak evidence however large its
   * share. */
  logSharedSyllables: number;
  /** Day/month dates both mention (at most 2 count). Shown, not weighed: given the date conflict and the other
   * evidence it added nothing (cross-validated recall 0.695 without it, 0.685 with it). */
  sharedDates: number;
  /** 1 when both mention dates and none in common ("sáng 5/10" against "sáng 7/10"). */
  dateConflict: number;
  /** ln(1 + hours between the two publication times). */
  logHoursApart: number;
  /** Share of figures not in common when both give at least two, else 0. */
  numberDisagreement: number;
  /** Of the two titles, the smaller and the larger share of proper names the other text never mentions. */
  namesMissingMin: number;
  namesMissingMax: number;
}

export const PAIR_FEATURES = [
  'weightedJaccard',
  'weightedOverlap',
  'logSharedSyllables',
  'titleWeightedOverlap',
  'titleCoverageMin',
  'titleCoverageMax',
  'logSharedRare',
  'logSharedFigures',
  'dateConflict',
  'logHoursApart',
  'numberDisagreement',
  'namesMissingMin',
  'namesMissingMax',
] as const satisfies readonly (keyof PairEvidence)[];
export type PairFeature = (typeof PAIR_FEATURES)[number];

export interface PairModel {
  weights: Record<PairFeature, number>;
  bias: number;
}

/**
 * Fitted by `npx tsx bench/eval/fit-pairs.ts` on the train split of labeled sets 1–11 (logistic regression, L2 0.005
 * on standardized features, written back in raw units), pairs a veto keeps apart included. Signs as expected:
 * shared text, title subject, rare syllables and figures raise the score; disagreeing dates, figures and names, and
 * hours apart, lower it.
 */
export const PAIR_MODEL: PairModel = {
  weights: {
    weightedJaccard: 0.645,
    weightedOverlap: 2.229,
    logSharedSyllables: 0.262,
    titleWeightedOverlap: 1.155,
    titleCoverageMin: 1.714,
    titleCoverageMax: 3.816,
    logSharedRare: 1.267,
    logSharedFigures: 0.391,
    dateConflict: -1.407,
    logHoursApart: -1.133,
    numberDisagreement: -1.518,
    namesMissingMin: -1.488,
    namesMissingMax: -0.862,
  },
  bias: -2.473,
};

/** A syllable at least this rare is specific to a story: with the table's 1,772 texts, one seen in at most 18 of
 * them (about 1 %), or not at all. */
const RARE_WEIGHT = 4.5;

/** "1" to "31": parts of dates, small counts, what unrelated reports share by chance. */
function isSmallWholeNumber(figure: string): boolean {
  return /^\d+$/.test(figure) && Number(figure) <= 31;
}

/** Gathers the evidence about two prepared texts published `hoursApart` hours apart. */
export function gatherPairEvidence(a: ComparableText, b: ComparableText, hoursApart: number): PairEvidence {
  const setA = a.weighted.set;
  let sharedContent = 0;
  for (const token of b.weighted.set) if (setA.has(token)) sharedContent += 1;
  const smaller = Math.min(setA.size, b.weighted.set.size);
  const weighted = measureWeightedOverlap(a.weighted, b.weighted);
  let sharedRare = 0;
  for (const token of b.weighted.sorted) if (setA.has(token) && weighSyllable(token) >= RARE_WEIGHT) sharedRare += 1;
  let sharedFigures = 0;
  for (const figure of a.figures) if (b.figures.has(figure) && !isSmallWholeNumber(figure)) sharedFigures += 1;
  let sharedDates = 0;
  for (const date of a.dates) if (b.dates.includes(date)) sharedDates += 1;
  const coverageA = measureTitleCoverage(a, b);
  const coverageB = measureTitleCoverage(b, a);
  const missingA = measureMissingNames(a, b);
  const missingB = measureMissingNames(b, a);
  return {
    jaccard: measureSimilarity(a, b),
    overlap: smaller === 0 ? 0 : sharedContent / smaller,
    weightedJaccard: weighted.jaccard,
    weightedOverlap: weighted.overlap,
    logSharedSyllables: Math.log1p(sharedContent),
    titleWeightedOverlap: measureWeightedOverlap(a.titleWeighted, b.titleWeighted).overlap,
    titleCoverageMin: Math.min(coverageA, coverageB),
    titleCoverageMax: Math.max(coverageA, coverageB),
    logSharedRare: Math.log1p(sharedRare),
    logSharedFigures: Math.log1p(sharedFigures),
    sharedDates: Math.min(sharedDates, 2),
    dateConflict: a.dates.length > 0 && b.dates.length > 0 && sharedDates === 0 ? 1 : 0,
    logHoursApart: Math.log1p(Math.abs(hoursApart)),
    numberDisagreement: measureNumberDisagreement(a, b),
    namesMissingMin: Math.min(missingA, missingB),
    namesMissingMax: Math.max(missingA, missingB),
  };
}

/** Share of `a`'s title content weight that `b` has anywhere (0 when `a` has no title content). */
function measureTitleCoverage(a: ComparableText, b: ComparableText): number {
  const title = a.titleWeighted;
  if (title.weight === 0) return 0;
  let found = 0;
  for (const token of title.sorted) if (b.weighted.set.has(token)) found += weighSyllable(token);
  return found / title.weight;
}

/** The probability-like score (0–1) that the evidence describes one story; `stories.threshold` applies to it. */
export function scorePairEvidence(evidence: PairEvidence, model: PairModel = PAIR_MODEL): number {
  let z = model.bias;
  for (const feature of PAIR_FEATURES) z += model.weights[feature] * evidence[feature];
  return 1 / (1 + Math.exp(-z));
}
