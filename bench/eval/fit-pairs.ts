// `npx tsx bench/eval/fit-pairs.ts`: fits the pair model of src/stories/pair-score.ts on the TRAIN split and prints
// it as TypeScript to paste into PAIR_MODEL. The L2 strength is chosen by grouped 5-fold cross-validation (folds by
// family; a pair touching the scored fold is never fitted on), on the pairwise recall each setting reaches at
// precision >= 0.98, averaged over three fold assignments; the printed model uses CHOSEN_PAIR_L2 (see below). The
// test split is never read here; the join threshold is chosen afterwards by tune.ts.
import { PAIR_FEATURES, type PairFeature } from '../../src/stories/pair-score.js';
import { loadEvalItems } from './dataset.js';
import { buildPairExamples, CHOSEN_PAIR_L2, crossValidatePairs, fitPairModel } from './pair-fit.js';

export const PAIR_L2_GRID = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2];
const TARGET_PRECISION = 0.98;
/** Evidence that must lower the score; the rest must raise it. A fit breaking this is printed as a warning. */
const LOWERING = new Set<PairFeature>(['dateConflict', 'logHoursApart', 'numberDisagreement', 'namesMissingMin', 'namesMissingMax']);

function main(): void {
  const examples = buildPairExamples(loadEvalItems().filter((i) => i.split === 'train'));
  const positives = examples.filter((e) => e.y === 1).length;
  console.log(`train pairs decided by the score: ${positives} true pairs, ${examples.length - positives} non-pairs (look-alikes and band-sharing others)`);
  console.log('mean evidence, true pairs vs non-pairs:');
  PAIR_FEATURES.forEach((feature, j) => {
    const meanOf = (y: number) => {
      const group = examples.filter((e) => e.y === y);
      return group.reduce((s, e) => s + e.x[j]!, 0) / group.length;
    };
    console.log(`  ${feature.padEnd(20)} ${meanOf(1).toFixed(3)} vs ${meanOf(0).toFixed(3)}`);
  });
  let best = { l2: PAIR_L2_GRID[0]!, recall: -1 };
  for (const l2 of PAIR_L2_GRID) {
    const recalls = [0, 1, 2].map((seed) => crossValidatePairs(examples, l2, seed, TARGET_PRECISION));
    const mean = recalls.reduce((s, r) => s + r, 0) / recalls.length;
    console.log(`L2 ${l2}: CV recall at precision >= ${TARGET_PRECISION}: ${mean.toFixed(3)} (${recalls.map((r) => r.toFixed(3)).join(', ')})`);
    if (mean > best.recall) best = { l2, recall: mean };
  }
  // The shipped L2 is CHOSEN_PAIR_L2, not always the best here. Until round 7 a smaller L2 scored higher on the
  // written sets but leaned on "published hours apart" and glued unrelated stories in a busy stream (round 4); with
  // the busy mornings of sets 7 and 9 among the train pairs, the threshold is chosen on the packed stream too.
  const model = fitPairModel(examples, CHOSEN_PAIR_L2);
  const wrongSigns = PAIR_FEATURES.filter((f) => (LOWERING.has(f) ? model.weights[f] > 0 : model.weights[f] < 0));
  if (wrongSigns.length > 0) console.log(`\nWARNING: weights with the wrong sign: ${wrongSigns.join(', ')}`);
  console.log(`\nbest L2 as written ${best.l2}; model at the shipped L2 ${CHOSEN_PAIR_L2}, fitted on all ${examples.length} train pairs:\n`);
  console.log(`  weights: {\n${PAIR_FEATURES.map((f) => `    ${f}: ${model.weights[f].toFixed(3)},`).join('\n')}\n  },\n  bias: ${model.bias.toFixed(3)},`);
}

main();
