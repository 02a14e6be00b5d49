// `npx tsx bench/eval/show-joins.ts [--dir=PATH] [--packed] [--arrangements=N] [--merge] FILE...`: clusters the
// named data files (bench/eval/data unless --dir) as run.ts does and prints every join of two items of different
// stories, with the pair's evidence and score, so the failures of a set can be read. Packed, N arrangements of the
// busy stream (dataset.ts) are clustered in turn. Only for sets already scored, never for a holdout before it is.
import { configSchema } from '../../src/config/schema.js';
import { toComparable } from '../../src/stories/compare.js';
import { buildFingerprint } from '../../src/stories/fingerprint.js';
import { gatherPairEvidence, PAIR_FEATURES, PAIR_MODEL, scorePairEvidence } from '../../src/stories/pair-score.js';
import { clusterEvalItems } from './cluster.js';
import { loadEvalItems, packIntoOneWindow, type EvalItem } from './dataset.js';

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const dir = args.find((a) => a.startsWith('--dir='))?.slice('--dir='.length);
const packed = args.includes('--packed');
const arrangements = packed ? Number(args.find((a) => a.startsWith('--arrangements='))?.split('=')[1] ?? 1) : 1;
const { threshold, window: windowMs } = configSchema.parse({}).stories;
const loaded = loadEvalItems(dir, files.length > 0 ? files : undefined);

function comparable(item: EvalItem) {
  return toComparable(buildFingerprint({ title: item.title, summary: item.summary, url: null }, item.outlet));
}

/** Prints a join of two items of different stories: the decision that put their stories together. */
function showWrongJoin(x: EvalItem, y: EvalItem, score: number): void {
  const hours = Math.abs(x.publishedAt.getTime() - y.publishedAt.getTime()) / 3_600_000;
  const evidence = gatherPairEvidence(comparable(x), comparable(y), hours);
  const kind = x.family !== null && x.family === y.family ? 'look-alike' : 'unrelated';
  console.log(`${kind} ${x.storyId} joined ${y.storyId}, score ${score.toFixed(3)}`);
  console.log(`  ${x.outlet}: ${x.title} — ${x.summary}`);
  console.log(`  ${y.outlet}: ${y.title} — ${y.summary}`);
  console.log(`  ${PAIR_FEATURES.map((f) => `${f} ${evidence[f].toFixed(2)}`).join(', ')}`);
}

/** Pairs of items of different stories that the clustering put together. */
function countWrongPairs(items: EvalItem[], storyOf: Map<string, number>): number {
  let wrong = 0;
  for (let a = 0; a < items.length; a += 1) {
    for (let b = a + 1; b < items.length; b += 1) {
      if (items[a]!.storyId !== items[b]!.storyId && storyOf.get(items[a]!.id) === storyOf.get(items[b]!.id)) wrong += 1;
    }
  }
  return wrong;
}

let total = 0;
for (let arrangement = 0; arrangement < arrangements; arrangement += 1) {
  const items = packed ? packIntoOneWindow(loaded, windowMs, arrangement) : loaded;
  if (packed) console.log(`== arrangement ${arrangement}`);
  const onJoin = (item: EvalItem, matched: EvalItem, score: number) => item.storyId !== matched.storyId && showWrongJoin(item, matched, score);
  const storyOf = clusterEvalItems(items, { threshold, windowMs }, { mergeMatched: args.includes('--merge'), onJoin });
  total += countWrongPairs(items, storyOf);
}
console.log(`${total} wrong pairs in ${loaded.length} items, ${arrangements} clustering(s)`);
