// Fitting the pair model of src/stories/pair-score.ts from labeled items: the pairs it learns from and logistic
// regression. The pairs are the ones the store could compare: written texts (not mechanical copies, which the
// folded title joins) from two outlets, within the window, that the band index would put side by side: true pairs,
// look-alikes of one family, and unrelated items that happen to share a band (without those, short unrelated texts
// sharing one word would score as rewrites). Pairs a veto keeps apart are learnt from too (round 9,
// bench/eval/README.md): they are the hardest look-alikes, and leaving them out made the model laxer with the
// look-alikes no veto catches.
import { configSchema } from '../../src/config/schema.js';
import { toComparable } from '../../src/stories/compare.js';
import { buildFingerprint, buildFingerprintBands } from '../../src/stories/fingerprint.js';
import { gatherPairEvidence, PAIR_FEATURES, type PairModel } from '../../src/stories/pair-score.js';
import { hashString } from '../../src/text/signature.js';
import type { EvalItem } from './dataset.js';

export const FOLDS = 5;
/** The L2 strength of the shipped PAIR_MODEL (why, and the CV figures: bench/eval/README.md, rounds 3, 4 and 7). */
export const CHOSEN_PAIR_L2 = 0.005;
const { window: windowMs } = configSchema.parse({}).stories;

export interface PairExample {
  /** Evidence in PAIR_FEATURES order. */
  x: number[];
  /** 1 for two items of one story. */
  y: number;
  /** The two items' families (or stories), for grouped folds. */
  groups: [string, string];
}

/** Which of FOLDS folds a family (or story) is in; `seed` gives other assignments of the same families. */
export function foldOfGroup(group: string, seed = 0): number {
  return hashString(`fold:${seed === 0 ? '' : `${seed}:`}${group}`) % FOLDS;
}

export function groupOf(item: EvalItem): string {
  return item.family ?? item.storyId;
}

export function buildPairExamples(items: EvalItem[]): PairExample[] {
  const fingerprints = items.map((item) => buildFingerprint({ title: item.title, summary: item.summary, url: null }, item.outlet));
  const texts = fingerprints.map(toComparable);
  const bandKeys = fingerprints.map((f) => new Set(buildFingerprintBands(f).map((b) => `${b.band}:${b.hash}`)));
  const shareBand = (a: number, b: number) => [...bandKeys[a]!].some((key) => bandKeys[b]!.has(key));
  const examples: PairExample[] = [];
  for (let a = 0; a < items.length; a += 1) {
    for (let b = a + 1; b < items.length; b += 1) {
      const x = items[a]!;
      const y = items[b]!;
      const isDuplicate = x.storyId === y.storyId;
      const isLookAlike = x.family !== null && x.family === y.family;
      if (!isDuplicate && !isLookAlike && !shareBand(a, b)) continue;
      if (x.derivedFrom || y.derivedFrom || x.outlet === y.outlet) continue;
      const hours = Math.abs(x.publishedAt.getTime() - y.publishedAt.getTime()) / 3_600_000;
      if (hours * 3_600_000 > windowMs) continue;
      const evidence = gatherPairEvidence(texts[a]!, texts[b]!, hours);
      examples.push({ x: PAIR_FEATURES.map((f) => evidence[f]), y: isDuplicate ? 1 : 0, groups: [groupOf(x), groupOf(y)] });
    }
  }
  return examples;
}

/**
 * Logistic regression, L2-penalized on standardized features, solved by Newton's method (exact and fast where 4,000
 * steps of gradient descent were neither) and returned in raw units. Minimizes mean log-loss + l2 / 2 · |w|², the
 * bias not penalized. Deterministic: the same examples give the same bits.
 */
export function fitPairModel(examples: PairExample[], l2: number): PairModel {
  const n = examples.length;
  const k = PAIR_FEATURES.length;
  const rows = examples.map((e) => Float64Array.from(e.x));
  const mean = new Float64Array(k);
  const sd = new Float64Array(k);
  for (let j = 0; j < k; j += 1) {
    for (const row of rows) mean[j]! += row[j]! / n;
    for (const row of rows) sd[j]! += (row[j]! - mean[j]!) ** 2 / n;
    sd[j] = Math.sqrt(sd[j]!) || 1;
  }
  // Standardized rows with a trailing 1 for the bias, which is the last coefficient.
  const xs = rows.map((row) => {
    const x = new Float64Array(k + 1);
    for (let j = 0; j < k; j += 1) x[j] = (row[j]! - mean[j]!) / sd[j]!;
    x[k] = 1;
    return x;
  });
  const beta = new Float64Array(k + 1);
  for (let iteration = 0; iteration < 50; iteration += 1) {
    const gradient = new Float64Array(k + 1);
    const hessian = Array.from({ length: k + 1 }, () => new Float64Array(k + 1));
    xs.forEach((x, i) => {
      let z = 0;
      for (let j = 0; j <= k; j += 1) z += x[j]! * beta[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const err = (p - examples[i]!.y) / n;
      const curvature = (p * (1 - p)) / n;
      for (let j = 0; j <= k; j += 1) {
        gradient[j]! += err * x[j]!;
        const cx = curvature * x[j]!;
        const rowH = hessian[j]!;
        for (let m = 0; m <= j; m += 1) rowH[m]! += cx * x[m]!;
      }
    });
    for (let j = 0; j < k; j += 1) {
      gradient[j]! += l2 * beta[j]!;
      hessian[j]![j]! += l2;
    }
    for (let j = 0; j <= k; j += 1) for (let m = 0; m < j; m += 1) hessian[m]![j] = hessian[j]![m]!;
    const step = solveSymmetric(hessian, gradient);
    let largest = 0;
    for (let j = 0; j <= k; j += 1) {
      beta[j]! -= step[j]!;
      largest = Math.max(largest, Math.abs(step[j]!));
    }
    if (largest < 1e-9) break;
  }
  const weights = Object.fromEntries(PAIR_FEATURES.map((f, j) => [f, beta[j]! / sd[j]!])) as PairModel['weights'];
  const bias = beta[k]! - PAIR_FEATURES.reduce((s, _f, j) => s + (beta[j]! * mean[j]!) / sd[j]!, 0);
  return { weights, bias };
}

/** Solves A·x = b for a symmetric positive definite A by Cholesky decomposition. */
function solveSymmetric(a: Float64Array[], b: Float64Array): Float64Array {
  const size = b.length;
  const lower = Array.from({ length: size }, () => new Float64Array(size));
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = a[i]![j]!;
      for (let m = 0; m < j; m += 1) sum -= lower[i]![m]! * lower[j]![m]!;
      lower[i]![j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / lower[j]![j]!;
    }
  }
  const y = new Float64Array(size);
  for (let i = 0; i < size; i += 1) {
    let sum = b[i]!;
    for (let m = 0; m < i; m += 1) sum -= lower[i]![m]! * y[m]!;
    y[i] = sum / lower[i]![i]!;
  }
  const x = new Float64Array(size);
  for (let i = size - 1; i >= 0; i -= 1) {
    let sum = y[i]!;
    for (let m = i + 1; m < size; m += 1) sum -= lower[m]![i]! * x[m]!;
    x[i] = sum / lower[i]![i]!;
  }
  return x;
}

export function predictPair(model: PairModel, x: number[]): number {
  const z = PAIR_FEATURES.reduce((s, f, j) => s + model.weights[f] * x[j]!, model.bias);
  return 1 / (1 + Math.exp(-z));
}

/** Pairwise recall at a precision, from out-of-fold predictions: each fold scored by a model fitted without any
 * pair touching it. */
export function crossValidatePairs(examples: PairExample[], l2: number, seed: number, target: number): number {
  const scored: { p: number; y: number }[] = [];
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const touches = (e: PairExample) => e.groups.some((g) => foldOfGroup(g, seed) === fold);
    const model = fitPairModel(examples.filter((e) => !touches(e)), l2);
    for (const e of examples.filter((e) => foldOfGroup(e.groups[0], seed) === fold)) scored.push({ p: predictPair(model, e.x), y: e.y });
  }
  return recallAtPrecision(scored, target);
}

function recallAtPrecision(scored: { p: number; y: number }[], target: number): number {
  const ordered = [...scored].sort((a, b) => b.p - a.p);
  const positives = ordered.filter((s) => s.y === 1).length;
  let tp = 0;
  let fp = 0;
  let best = 0;
  for (const s of ordered) {
    if (s.y === 1) tp += 1;
    else fp += 1;
    if (tp / (tp + fp) >= target) best = Math.max(best, tp / positives);
  }
  return best;
}
