// `npm run conformance`: fetch-less decode → parse → normalize over ../shared/corpus (feedparser,
// rss-parser, gofeed, vn). Prints files read, parsed, rejected with a clear error, crashed and hung,
// how feedparser's Expect lines fare, and comparisons with reference outputs; the same table goes
// to bench/results/conformance.txt with the failures behind the figures.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planCorpus } from './files.js';
import { runJobs } from './pool.js';
import { addRecord, createTally, formatTally } from './report.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
// The corpus sits beside the project: <project>/../shared/corpus.
const corpusDir = resolve(benchDir, '..', '..', '..', 'shared', 'corpus');
const timeoutMs = Number(process.env.CONFORMANCE_TIMEOUT_MS ?? 10_000);
const workers = Number(process.env.CONFORMANCE_WORKERS ?? Math.max(1, Math.min(8, availableParallelism() - 1)));

/** Runs the whole corpus and writes the report; returns the process exit code. */
export async function runConformance(): Promise<number> {
  if (!existsSync(corpusDir)) {
    console.log(`conformance: no corpus at ${corpusDir}; nothing to do`);
    return 0;
  }
  const plan = planCorpus(corpusDir);
  const tally = createTally();
  const started = Date.now();
  let done = 0;
  await runJobs(plan.jobs, workers, timeoutMs, (record) => {
    addRecord(tally, plan, record);
    done += 1;
    if (process.stderr.isTTY && done % 100 === 0) process.stderr.write(`\r${done}/${plan.jobs.length} files`);
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const header = `bantin conformance — ${plan.jobs.length} files from ${corpusDir} in ${seconds} s (${workers} workers, ${timeoutMs} ms per-file timeout)`;
  console.log(formatTally(tally, header, false));
  const resultsDir = join(benchDir, '..', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'conformance.txt'), formatTally(tally, header, true));
  console.log(`details: ${join(resultsDir, 'conformance.txt')}`);
  const broken = [...tally.suites.values()].reduce((sum, counts) => sum + counts.crashed + counts.hung, 0);
  return broken === 0 ? 0 : 1;
}

process.exitCode = await runConformance();
