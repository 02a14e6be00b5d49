// Tallies conformance records and formats the summary table.
import { compareWithReference } from './compare.js';
import { evaluateExpect, hasDangerousMarkup } from './expect.js';
import type { CorpusPlan } from './files.js';
import type { JobRecord } from './types.js';

interface SuiteCounts {
  read: number;
  parsed: number;
  rejected: number;
  crashed: number;
  hung: number;
}

interface Counter {
  compared: number;
  matched: number;
}

/** Everything the runner measured. */
export interface Tally {
  suites: Map<string, SuiteCounts>;
  rejections: Map<string, number>;
  rejectionMessages: string[];
  problems: string[];
  expect: { lines: number; passed: number; failed: number; untranslated: number; bozoExpected: number; bozoFlagged: number };
  expectFailures: string[];
  sanitize: { checked: number; dangerous: number; examples: string[] };
  references: Map<string, { files: number; compared: number; countMatches: number; titles: Counter; links: Counter; others: Counter }>;
  referenceDifferences: string[];
}

/** An empty tally. */
export function createTally(): Tally {
  return {
    suites: new Map(),
    rejections: new Map(),
    rejectionMessages: [],
    problems: [],
    expect: { lines: 0, passed: 0, failed: 0, untranslated: 0, bozoExpected: 0, bozoFlagged: 0 },
    expectFailures: [],
    sanitize: { checked: 0, dangerous: 0, examples: [] },
    references: new Map(),
    referenceDifferences: [],
  };
}

/** Adds one finished file to the tally. */
export function addRecord(tally: Tally, plan: CorpusPlan, record: JobRecord): void {
  const { job } = record;
  const suite = tally.suites.get(job.suite) ?? { read: 0, parsed: 0, rejected: 0, crashed: 0, hung: 0 };
  tally.suites.set(job.suite, suite);
  suite.read += 1;
  suite[record.status] += 1;
  const error = record.result?.error;
  if (record.status === 'rejected' && error !== undefined) {
    increment(tally.rejections, `${error.stage}/${error.code}`);
    tally.rejectionMessages.push(`${job.rel}: ${error.message.split('\n')[0]?.slice(0, 160)}`);
  }
  if (record.status === 'crashed' || record.status === 'hung') {
    tally.problems.push(`${record.status.toUpperCase()} ${job.rel}: ${record.workerError ?? `${error?.name}: ${error?.message}`}`);
  }
  addExpectations(tally, plan, record);
  addSanitizeCheck(tally, record);
  addReference(tally, plan, record);
}

function addExpectations(tally: Tally, plan: CorpusPlan, record: JobRecord): void {
  for (const expression of plan.feedparser.get(record.job.id)?.expects ?? []) {
    tally.expect.lines += 1;
    const outcome = evaluateExpect(expression, record);
    tally.expect[outcome] += 1;
    if (/^\s*bozo\b/.test(expression)) {
      tally.expect.bozoExpected += 1;
      if (record.status === 'rejected') tally.expect.bozoFlagged += 1;
    }
    if (outcome === 'failed') tally.expectFailures.push(`${record.job.rel} [${record.status}${describeError(record)}]: ${expression.slice(0, 160)}`);
  }
}

function describeError(record: JobRecord): string {
  const error = record.result?.error;
  return error === undefined ? '' : ` ${error.code ?? error.name}`;
}

function addSanitizeCheck(tally: Tally, record: JobRecord): void {
  if (!record.job.rel.includes('/sanitize/') || record.result?.feed === undefined) return;
  tally.sanitize.checked += 1;
  const dangerous = record.result.feed.items.some((item) => hasDangerousMarkup(item.contentHtml));
  if (!dangerous) return;
  tally.sanitize.dangerous += 1;
  tally.sanitize.examples.push(record.job.rel);
}

function addReference(tally: Tally, plan: CorpusPlan, record: JobRecord): void {
  const reference = plan.references.get(record.job.id);
  if (reference === undefined) return;
  const key = record.job.suite;
  const counts = tally.references.get(key) ?? {
    files: 0,
    compared: 0,
    countMatches: 0,
    titles: { compared: 0, matched: 0 },
    links: { compared: 0, matched: 0 },
    others: { compared: 0, matched: 0 },
  };
  tally.references.set(key, counts);
  counts.files += 1;
  const comparison = compareWithReference(record, reference);
  if (comparison === null) return;
  counts.compared += 1;
  if (comparison.countMatches) counts.countMatches += 1;
  for (const field of ['titles', 'links', 'others'] as const) {
    counts[field].compared += comparison[field].compared;
    counts[field].matched += comparison[field].matched;
  }
  if (comparison.firstDifference !== undefined) tally.referenceDifferences.push(`${record.job.rel}: ${comparison.firstDifference.slice(0, 200)}`);
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

const pad = (value: string | number, width: number): string => String(value).padStart(width);

/** The summary table (and, with `details`, the lists of failures behind the figures). */
export function formatTally(tally: Tally, header: string, details: boolean): string {
  const lines = [header, '', `${'suite'.padEnd(22)}${pad('read', 7)}${pad('parsed', 8)}${pad('rejected', 10)}${pad('crashed', 9)}${pad('hung', 6)}`];
  const total: SuiteCounts = { read: 0, parsed: 0, rejected: 0, crashed: 0, hung: 0 };
  for (const [suite, counts] of [...tally.suites].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(formatRow(suite, counts));
    for (const key of Object.keys(total) as (keyof SuiteCounts)[]) total[key] += counts[key];
  }
  lines.push(formatRow('total', total), '', 'rejected with a clear error, by stage/code:');
  for (const [code, count] of [...tally.rejections].sort((a, b) => b[1] - a[1])) lines.push(`  ${code.padEnd(26)}${pad(count, 6)}`);
  const e = tally.expect;
  lines.push(
    '',
    `feedparser Expect lines: ${e.lines}; translated ${e.passed + e.failed} (passed ${e.passed}, failed ${e.failed}), not translated ${e.untranslated}`,
    `  'bozo' expected: ${e.bozoExpected}, of which we rejected ${e.bozoFlagged} (the others we read leniently)`,
    `feedparser sanitize/ cases parsed: ${tally.sanitize.checked}, with dangerous markup left: ${tally.sanitize.dangerous}`,
    '',
    `${'reference comparison'.padEnd(22)}${pad('files', 7)}${pad('compared', 10)}${pad('same count', 12)}${pad('titles', 14)}${pad('links', 14)}${pad('image+desc', 12)}`,
  );
  for (const [suite, c] of tally.references) {
    lines.push(`${suite.padEnd(22)}${pad(c.files, 7)}${pad(c.compared, 10)}${pad(c.countMatches, 12)}${pad(`${c.titles.matched}/${c.titles.compared}`, 14)}${pad(`${c.links.matched}/${c.links.compared}`, 14)}${pad(c.others.compared === 0 ? '-' : `${c.others.matched}/${c.others.compared}`, 12)}`);
  }
  if (tally.problems.length > 0) lines.push('', 'crashed / hung:', ...tally.problems.map((problem) => `  ${problem.split('\n')[0]}`));
  if (details) {
    lines.push('', `rejections (${tally.rejectionMessages.length}):`, ...tally.rejectionMessages.map((line) => `  ${line}`));
    lines.push('', `Expect failures (${tally.expectFailures.length}):`, ...tally.expectFailures.map((line) => `  ${line}`));
    lines.push('', `reference differences (${tally.referenceDifferences.length}):`, ...tally.referenceDifferences.map((line) => `  ${line}`));
    lines.push('', 'sanitize cases with dangerous markup left:', ...tally.sanitize.examples.map((line) => `  ${line}`));
  }
  return `${lines.join('\n')}\n`;
}

function formatRow(name: string, c: SuiteCounts): string {
  return `${name.padEnd(22)}${pad(c.read, 7)}${pad(c.parsed, 8)}${pad(c.rejected, 10)}${pad(c.crashed, 9)}${pad(c.hung, 6)}`;
}
