// `npx tsx bench/eval/tune.ts`: the figures settings are chosen on. It reads the TRAIN split only: topics by
// grouped 5-fold cross-validation inside it (the classifier never sees the fold it scores); pairs by clustering over
// a threshold sweep, twice: cross-validated (each fold's items clustered with a pair model fitted on the other
// folds' pairs, which is what the threshold is chosen on) and with the shipped model (in-sample, for reference).
// The test split is scored only by run.ts, after settings are fixed.
// Environment: THRESHOLDS=0.9,0.91 (the sweep), ARRANGEMENTS=3 (packed draws summed), PAIR_L2 (the folds' L2,
// default CHOSEN_PAIR_L2), MERGE=1 (stories.mergeMatched), SHOW=0.9 (print the errors at that threshold),
// PAIRS_ONLY=1 / TOPICS_ONLY=1, TOPICS_VERBOSE=1.
import { configSchema } from '../../src/config/schema.js';
import { tokenizeSyllables } from '../../src/text/fold.js';
import { buildCategoryMap } from '../../src/topics/category-map.js';
import { scoreItemTopics, selectTopics, type TopicContext } from '../../src/topics/categorize.js';
import { compileKeywordRules } from '../../src/topics/keyword-rules.js';
import { trainTopicModel } from '../../src/topics/naive-bayes.js';
import { clusterEvalItems } from './cluster.js';
import { EVAL_TOPICS, loadEvalItems, packIntoOneWindow, type EvalItem } from './dataset.js';
import { buildPairExamples, CHOSEN_PAIR_L2, fitPairModel, FOLDS, foldOfGroup, groupOf } from './pair-fit.js';

const TOPICS: string[] = [...EVAL_TOPICS];
const { topicThreshold, window: windowMs } = configSchema.parse({}).stories;

function main(): void {
  const train = loadEvalItems().filter((i) => i.split === 'train');
  console.log(`train items: ${train.length}`);
  const rules = compileKeywordRules(TOPICS.map((key) => ({ key, keywords: [], excludeKeywords: [] })));
  const base = { rules, categoryMap: buildCategoryMap(), knownTopics: new Set(TOPICS) };
  if (!process.env.PAIRS_ONLY) {
    const f1 = crossValidate(train, base, true);
    console.log(`topics CV macro-F1 ${f1.toFixed(3)} (keywords only ${crossValidate(train, base, false).toFixed(3)})`);
  }
  if (process.env.TOPICS_ONLY) return;
  const thresholds = (process.env.THRESHOLDS ?? '0.5,0.6,0.7,0.75,0.8,0.82,0.84,0.86,0.87,0.88,0.89,0.9,0.92,0.94').split(',').map(Number);
  const examples = buildPairExamples(train);
  const foldModels = Array.from({ length: FOLDS }, (_, fold) =>
    fitPairModel(examples.filter((e) => !e.groups.some((g) => foldOfGroup(g) === fold)), Number(process.env.PAIR_L2 ?? CHOSEN_PAIR_L2)),
  );
  console.log('pairs, cross-validated (pair model fitted without the fold it clusters):');
  for (const threshold of thresholds) {
    const total = { tp: 0, fp: 0, fn: 0 };
    for (let fold = 0; fold < FOLDS; fold += 1) {
      const items = train.filter((i) => foldOfGroup(groupOf(i)) === fold);
      const storyOf = clusterEvalItems(items, { threshold, windowMs, pairModel: foldModels[fold] });
      const counts = countPairs(items, storyOf, threshold === Number(process.env.SHOW ?? -1));
      total.tp += counts.tp;
      total.fp += counts.fp;
      total.fn += counts.fn;
    }
    console.log(`  threshold ${threshold}: ${describeCounts(total)}`);
  }
  // Packed (dataset.ts): the whole train split as a busy stream, clustered once per fold with that fold's model; a
  // pair counts under the fold of its first item, so each is counted once and only by a model that never saw it.
  // Which unrelated stories meet is chance, so the counts add up over ARRANGEMENTS draws of the packing.
  const arrangements = Number(process.env.ARRANGEMENTS ?? 3);
  const packings = Array.from({ length: arrangements }, (_, arrangement) => packIntoOneWindow(train, windowMs, arrangement));
  const mergeMatched = Boolean(process.env.MERGE);
  console.log(`pairs, cross-validated, packed into one window, ${arrangements} arrangements${mergeMatched ? ', merging' : ''}:`);
  for (const threshold of thresholds) {
    const total = { tp: 0, fp: 0, fn: 0 };
    for (const packed of packings) {
      for (let fold = 0; fold < FOLDS; fold += 1) {
        const storyOf = clusterEvalItems(packed, { threshold, windowMs, pairModel: foldModels[fold] }, { mergeMatched });
        const counts = countPairs(packed, storyOf, false, (item) => foldOf(item) === fold);
        total.tp += counts.tp;
        total.fp += counts.fp;
        total.fn += counts.fn;
      }
    }
    console.log(`  threshold ${threshold}: ${describeCounts(total)}`);
  }
  console.log('pairs, shipped model (fitted on all train pairs, so optimistic):');
  for (const threshold of thresholds) console.log(`  threshold ${threshold}: ${describeCounts(countPairs(train, clusterEvalItems(train, { threshold, windowMs }), false))}`);
}

function foldOf(item: EvalItem): number {
  return foldOfGroup(groupOf(item));
}

function crossValidate(items: EvalItem[], base: Omit<TopicContext, 'model'>, useModel: boolean): number {
  const stats = new Map(TOPICS.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const verbose = process.env.TOPICS_VERBOSE && useModel;
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const fit = items.filter((i) => foldOf(i) !== fold);
    const model = useModel ? trainTopicModel(fit.map((i) => ({ topic: i.topic, title: tokenizeSyllables(i.title), summary: tokenizeSyllables(i.summary) }))) : null;
    for (const item of items.filter((i) => foldOf(i) === fold)) {
      const input = { title: item.title, summary: item.summary, categories: [], sourceTopics: [], sourceName: item.outlet };
      const scores = scoreItemTopics(input, { ...base, model });
      const predicted = selectTopics(scores, topicThreshold).map((s) => s.topic);
      if (verbose && !(predicted.length === 1 && predicted[0] === item.topic)) {
        console.log(`  ${item.topic} → [${predicted.join(',')}] ${item.title} :: ${scores.map((s) => `${s.topic} ${s.score} ${s.reasons.join('|')}`).join(' ; ')}`);
      }
      for (const topic of TOPICS) {
        const s = stats.get(topic)!;
        const isPredicted = predicted.includes(topic);
        if (isPredicted && item.topic === topic) s.tp += 1;
        else if (isPredicted) s.fp += 1;
        else if (item.topic === topic) s.fn += 1;
      }
    }
  }
  if (verbose) for (const [t, c] of stats) console.log(`  ${t} tp ${c.tp} fp ${c.fp} fn ${c.fn}`);
  return [...stats.values()].reduce((sum, c) => sum + f1Of(c), 0) / stats.size;
}

function f1Of(c: { tp: number; fp: number; fn: number }): number {
  return c.tp === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
}

// Counts like run.ts: precision includes any two items of different stories put together, look-alikes or not.
function countPairs(
  items: EvalItem[],
  storyOf: Map<string, number>,
  verbose: boolean,
  counted: (first: EvalItem) => boolean = () => true,
): { tp: number; fp: number; fn: number } {
  const counts = { tp: 0, fp: 0, fn: 0 };
  for (let a = 0; a < items.length; a += 1) {
    if (!counted(items[a]!)) continue;
    for (let b = a + 1; b < items.length; b += 1) {
      const x = items[a]!;
      const y = items[b]!;
      const isDuplicate = x.storyId === y.storyId;
      const together = storyOf.get(x.id) === storyOf.get(y.id);
      if (together && isDuplicate) counts.tp += 1;
      else if (together) counts.fp += 1;
      else if (isDuplicate) counts.fn += 1;
      if (verbose && together !== isDuplicate) console.log(`    ${together ? 'glued' : 'split'}: ${x.title} || ${y.title}`);
    }
  }
  return counts;
}

function describeCounts({ tp, fp, fn }: { tp: number; fp: number; fn: number }): string {
  return `precision ${(tp / Math.max(1, tp + fp)).toFixed(3)}, recall ${(tp / Math.max(1, tp + fn)).toFixed(3)} (${tp}/${fp}/${fn})`;
}

main();
