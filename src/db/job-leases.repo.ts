// Rows of `job_runs`: one per (job, period), claimed by one instance at a time with a lease.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface JobClaim {
  job: string;
  periodKey: string;
  instanceId: string;
  now: Date;
  leaseMs: number;
}

/**
 * Claims the run of `job` for `periodKey`: creates it when nobody has, or takes it over when its holder's lease
 * ran out without finishing. True when this instance now holds it. The conditional update is atomic in Postgres,
 * so of two instances racing for an expired run exactly one wins.
 */
export async function claimJobRun(db: Kysely<Database>, claim: JobClaim): Promise<boolean> {
  const lockedUntil = new Date(claim.now.getTime() + claim.leaseMs);
  const inserted = await db
    .insertInto('job_runs')
    .values({
      job: claim.job,
      period_key: claim.periodKey,
      status: 'running',
      locked_by: claim.instanceId,
      locked_until: lockedUntil,
      attempts: 1,
      started_at: claim.now,
    })
    .onConflict((oc) => oc.columns(['job', 'period_key']).doNothing())
    .returning('job')
    .executeTakeFirst();
  if (inserted) return true;
  const taken = await db
    .updateTable('job_runs')
    .set((eb) => ({ locked_by: claim.instanceId, locked_until: lockedUntil, attempts: eb('attempts', '+', 1), started_at: claim.now }))
    .where('job', '=', claim.job)
    .where('period_key', '=', claim.periodKey)
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', claim.now)]))
    .returning('job')
    .executeTakeFirst();
  return taken !== undefined;
}

/** Extends this instance's lease on a run it still holds; false when it lost it. */
export async function renewJobLease(db: Kysely<Database>, claim: JobClaim): Promise<boolean> {
  const result = await db
    .updateTable('job_runs')
    .set({ locked_until: new Date(claim.now.getTime() + claim.leaseMs) })
    .where('job', '=', claim.job)
    .where('period_key', '=', claim.periodKey)
    .where('locked_by', '=', claim.instanceId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks a held run done for its period. */
export async function finishJobRun(db: Kysely<Database>, claim: Omit<JobClaim, 'leaseMs'>): Promise<boolean> {
  const result = await db
    .updateTable('job_runs')
    .set({ status: 'done', finished_at: claim.now, locked_by: null, locked_until: null, last_error: null })
    .where('job', '=', claim.job)
    .where('period_key', '=', claim.periodKey)
    .where('locked_by', '=', claim.instanceId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives a failed run back so any instance may retry it after `retryAt`, keeping the error for the admin. */
export async function failJobRun(db: Kysely<Database>, claim: Omit<JobClaim, 'leaseMs'> & { error: string; retryAt: Date }): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ locked_by: null, locked_until: claim.retryAt, last_error: claim.error })
    .where('job', '=', claim.job)
    .where('period_key', '=', claim.periodKey)
    .where('locked_by', '=', claim.instanceId)
    .execute();
}

/** Gives back every run this instance holds (on shutdown) so another instance can take them at once. */
export async function releaseJobRuns(db: Kysely<Database>, instanceId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('job_runs')
    .set({ locked_by: null, locked_until: now })
    .where('locked_by', '=', instanceId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface JobRunRow {
  job: string;
  periodKey: string;
  status: string;
  attempts: number;
  lastError: string | null;
  finishedAt: Date | null;
}

/** Reads one run, or undefined when nobody started it. */
export async function findJobRun(db: Kysely<Database>, job: string, periodKey: string): Promise<JobRunRow | undefined> {
  const row = await db.selectFrom('job_runs').selectAll().where('job', '=', job).where('period_key', '=', periodKey).executeTakeFirst();
  if (!row) return undefined;
  return { job: row.job, periodKey: row.period_key, status: row.status, attempts: row.attempts, lastError: row.last_error, finishedAt: row.finished_at };
}
