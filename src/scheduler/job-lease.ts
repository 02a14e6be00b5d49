// Recurring jobs (digest build, retraining, pruning, stale report) run once per period across all instances.
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { describeError } from '../errors.js';
import { claimJobRun, failJobRun, finishJobRun, renewJobLease } from '../db/job-leases.repo.js';
import type { Database } from '../db/schema.js';

export interface RunOnceOptions {
  /** How long a claim lasts without renewal; a runner that died is replaced after this. Default 10 min. */
  leaseMs?: number;
  /** How long a failed run waits before any instance retries it. Default 5 min. */
  retryDelayMs?: number;
  clock?: () => Date;
}

export type RunOnceResult<T> = { ran: true; value: T } | { ran: false };

export interface JobContext {
  /** Aborted when this instance lost its lease (another instance may have taken the run over). */
  signal: AbortSignal;
}

const DEFAULT_LEASE_MS = 10 * 60_000;
const DEFAULT_RETRY_DELAY_MS = 5 * 60_000;

/**
 * Runs `fn` when no instance has run `jobName` for `periodKey` yet and nobody holds it now. While it runs the lease
 * is renewed every third of its length; a crash leaves the run claimable once the lease expires. A thrown error is
 * recorded, the run becomes retryable after `retryDelayMs`, and the error is rethrown.
 */
export async function runOncePerPeriod<T>(
  db: Kysely<Database>,
  jobName: string,
  periodKey: string,
  instanceId: string,
  fn: (context: JobContext) => Promise<T>,
  options: RunOnceOptions = {},
): Promise<RunOnceResult<T>> {
  const clock = options.clock ?? (() => new Date());
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const claim = { job: jobName, periodKey, instanceId, leaseMs };
  if (!(await claimJobRun(db, { ...claim, now: clock() }))) return { ran: false };
  const controller = new AbortController();
  const heartbeat = startHeartbeat(() => renewJobLease(db, { ...claim, now: clock() }), leaseMs / 3, controller);
  try {
    const value = await fn({ signal: controller.signal });
    clearInterval(heartbeat);
    await finishJobRun(db, { ...claim, now: clock() });
    return { ran: true, value };
  } catch (error) {
    clearInterval(heartbeat);
    const retryAt = new Date(clock().getTime() + (options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS));
    await failJobRun(db, { ...claim, now: clock(), error: describeError(error).message, retryAt });
    throw error;
  }
}

function startHeartbeat(renew: () => Promise<boolean>, everyMs: number, controller: AbortController): NodeJS.Timeout {
  const timer = setInterval(() => {
    renew()
      .then((held) => {
        if (!held) controller.abort(new Error('job lease lost'));
      })
      // A failed renewal (database blip) is retried on the next beat; the lease is long enough to survive one.
      .catch(() => undefined);
  }, Math.max(10, everyMs));
  timer.unref();
  return timer;
}

/** The key of the period `now` falls in, in `timezone`: `2026-11-29T07` (hour), `2026-11-29` (day), `2026-W48` (week). */
export function computePeriodKey(period: 'hour' | 'day' | 'week', now: Date, timezone: string): string {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  if (period === 'hour') return local.toFormat("yyyy-MM-dd'T'HH");
  if (period === 'day') return local.toISODate() ?? local.toFormat('yyyy-MM-dd');
  return local.toFormat("kkkk-'W'WW");
}
