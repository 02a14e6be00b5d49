// `npx tsx bench/eval/stats.ts`: validates the labeled set and prints what it holds per file and per split —
// items, stories, true duplicate pairs and look-alike non-pairs — without scoring anything. `--dir=PATH` reads
// another folder of the same format (the holdout set); other arguments are file names in the folder to check alone.
import { EVAL_TOPICS, loadEvalItems, type EvalItem } from './dataset.js';

function countPairs(items: EvalItem[]): { pairs: number; lookalikes: number } {
  let pairs = 0;
  let lookalikes = 0;
  for (let a = 0; a < items.length; a += 1) {
    for (let b = a + 1; b < items.length; b += 1) {
      const x = items[a]!;
      const y = items[b]!;
      if (x.storyId === y.storyId) pairs += 1;
      else if (x.family !== null && x.family === y.family) lookalikes += 1;
    }
  }
  return { pairs, lookalikes };
}

const args = process.argv.slice(2);
const dir = args.find((a) => a.startsWith('--dir='))?.slice('--dir='.length);
const only = args.filter((a) => !a.startsWith('--dir=')).map((f) => f.replace(/^.*\//, ''));
const items = loadEvalItems(dir, only.length > 0 ? only : undefined);
console.log('topic        items  stories  pairs  look-alike non-pairs');
for (const topic of EVAL_TOPICS) {
  const mine = items.filter((i) => i.topic === topic);
  const { pairs, lookalikes } = countPairs(mine);
  console.log(`${topic.padEnd(12)} ${String(mine.length).padStart(5)}  ${String(new Set(mine.map((i) => i.storyId)).size).padStart(7)}  ${String(pairs).padStart(5)}  ${String(lookalikes).padStart(5)}`);
}
for (const split of ['train', 'test'] as const) {
  const mine = items.filter((i) => i.split === split);
  const { pairs, lookalikes } = countPairs(mine);
  console.log(`${split}: ${mine.length} items, ${pairs} true pairs, ${lookalikes} look-alike non-pairs`);
}
const { pairs, lookalikes } = countPairs(items);
console.log(`all: ${items.length} items, ${pairs} true pairs, ${lookalikes} look-alike non-pairs`);
