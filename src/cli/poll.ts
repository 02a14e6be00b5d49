// `bantin poll --once [--source KEY]`: sync the config, poll due (or named) sources once, print a summary.
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { syncSources } from '../db/sources.repo.js';
import { pollDueSources } from '../ingest/poll-run.js';
import { createStoryHook } from '../stories/assign.js';
import type { PollOutcome } from '../ingest/poll-source.js';
import { createConfiguredFetcher, openRuntime, type CliIO } from './runtime.js';

/** Runs the poll command; exit 0 when the run completed even if sources failed. */
export async function runPollCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { once: { type: 'boolean' }, source: { type: 'string', multiple: true }, refetch: { type: 'boolean' }, config: { type: 'string' } },
    strict: true,
  });
  if (!values.once) {
    io.err('poll: only `bantin poll --once` is supported; `bantin start` polls on a schedule');
    return 2;
  }
  const runtime = await openRuntime(values.config);
  const fetcher = createConfiguredFetcher(runtime.settings, runtime.config);
  try {
    const { db } = runtime.database;
    await syncSources(db, runtime.config, new Date());
    const keys = values.source;
    const unknown = (keys ?? []).filter((key) => !runtime.config.sources.some((s) => s.key === key));
    if (unknown.length > 0) {
      io.err(`poll: unknown source ${unknown.map((k) => `"${k}"`).join(', ')} (see config ${runtime.settings.configPath})`);
      return 2;
    }
    const bar = io.isTTY ? new SingleBar({ format: 'polling [{bar}] {value} sources', stream: process.stderr, clearOnComplete: true }) : null;
    bar?.start(keys?.length ?? runtime.config.sources.length, 0);
    const outcomes = await pollDueSources(
      { db, fetcher, config: runtime.config, instanceId: runtime.instanceId, now: () => new Date(), afterItemsStored: createStoryHook(runtime.config), refetchArticles: values.refetch === true },
      { keys, onOutcome: () => bar?.increment() },
    );
    bar?.stop();
    outcomes.sort((a, b) => a.sourceKey.localeCompare(b.sourceKey)).forEach((o) => io.out(formatOutcome(o)));
    io.out(formatTotal(outcomes));
    return 0;
  } finally {
    await fetcher.close();
    await runtime.database.close();
  }
}

/** One line per source: new/updated/unchanged counts, not modified, or the error. */
export function formatOutcome(outcome: PollOutcome): string {
  switch (outcome.status) {
    case 'stored':
      return `ok    ${outcome.sourceKey}: ${outcome.newItems} new, ${outcome.updatedItems} updated, ${outcome.unchangedItems} unchanged`;
    case 'not-modified':
      return `ok    ${outcome.sourceKey}: not modified`;
    case 'error':
      return `error ${outcome.sourceKey}: ${outcome.message} [${outcome.code}]`;
  }
}

/** The closing line: sources polled, failed, and items written. */
export function formatTotal(outcomes: PollOutcome[]): string {
  const failed = outcomes.filter((o) => o.status === 'error').length;
  let added = 0;
  let updated = 0;
  for (const o of outcomes) if (o.status === 'stored') ((added += o.newItems), (updated += o.updatedItems));
  if (outcomes.length === 0) return 'total: no source was due';
  return `total: ${outcomes.length} sources polled, ${outcomes.length - failed} ok, ${failed} failed; ${added} new items, ${updated} updated`;
}
