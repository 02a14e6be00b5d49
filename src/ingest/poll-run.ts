// Polls every due (or named) source once, claiming them in batches so several instances split the work.
import pLimit from 'p-limit';
import { claimDueSources } from '../db/sources.repo.js';
import { pollSource, type PollDeps, type PollOutcome } from './poll-source.js';

export interface PollRunOptions {
  /** Poll these sources (due or not) instead of the due ones. */
  keys?: string[];
  /** Called after each source, in completion order. */
  onOutcome?: (outcome: PollOutcome) => void;
  /** Stop claiming new work when this returns true (shutdown). */
  isStopping?: () => boolean;
}

/** Claims and polls sources until none is due; returns every outcome. */
export async function pollDueSources(deps: PollDeps, options: PollRunOptions = {}): Promise<PollOutcome[]> {
  const { concurrency, lease } = deps.config.poll;
  const limit = pLimit(concurrency);
  const outcomes: PollOutcome[] = [];
  let remainingKeys = options.keys;
  for (;;) {
    if (options.isStopping?.()) break;
    const claimed = await claimDueSources(deps.db, {
      instanceId: deps.instanceId,
      limit: concurrency * 4,
      now: deps.now(),
      leaseMs: lease,
      keys: remainingKeys,
    });
    if (claimed.length === 0) break;
    await Promise.all(
      claimed.map((source) =>
        limit(async () => {
          const outcome = await pollSource(deps, source);
          outcomes.push(outcome);
          options.onOutcome?.(outcome);
        }),
      ),
    );
    if (remainingKeys) {
      // Named sources are polled once each: drop the ones done, stop when all are.
      const done = new Set(claimed.map((s) => s.key));
      remainingKeys = remainingKeys.filter((key) => !done.has(key));
      if (remainingKeys.length === 0) break;
    }
  }
  return outcomes;
}
