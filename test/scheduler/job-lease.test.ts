import { afterEach, describe, expect, it } from 'vitest';
import { findJobRun, releaseJobRuns } from '../../src/db/job-leases.repo.js';
import { computePeriodKey, runOncePerPeriod } from '../../src/scheduler/job-lease.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';

describe.each(dbKinds)('runOncePerPeriod on %s', (kind) => {
  let testDb: TestDb | undefined;
  afterEach(async () => testDb?.dispose());

  it('runs a job once per period when two instances race for it', async () => {
    testDb = await createTestDb(kind);
    const db = testDb.db;
    const calls: string[] = [];
    const job = (instance: string) => async () => {
      calls.push(instance);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return instance;
    };
    const results = await Promise.all([
      runOncePerPeriod(db, 'prune', '2026-11-29', 'a', job('a')),
      runOncePerPeriod(db, 'prune', '2026-11-29', 'b', job('b')),
    ]);
    expect(calls).toHaveLength(1);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    // The same period again does nothing; the next period runs.
    expect(await runOncePerPeriod(db, 'prune', '2026-11-29', 'b', job('b'))).toEqual({ ran: false });
    expect(await runOncePerPeriod(db, 'prune', '2026-11-30', 'b', job('b'))).toEqual({ ran: true, value: 'b' });
    expect(await runOncePerPeriod(db, 'retrain', '2026-11-29', 'b', job('b'))).toEqual({ ran: true, value: 'b' });
    expect((await findJobRun(db, 'prune', '2026-11-29'))?.status).toBe('done');
  });

  it('lets another instance take over a run whose runner died, after the lease', async () => {
    testDb = await createTestDb(kind);
    const db = testDb.db;
    let now = new Date('2026-11-29T00:00:00Z');
    const clock = () => now;
    // Instance a claims and "dies": its job never settles, so the run stays claimed until the lease ends.
    void runOncePerPeriod(db, 'digest', '2026-W48', 'a', () => new Promise<never>(() => {}), { clock, leaseMs: 60_000 });
    await waitFor(async () => (await findJobRun(db, 'digest', '2026-W48')) !== undefined);
    expect(await runOncePerPeriod(db, 'digest', '2026-W48', 'b', async () => 'b', { clock, leaseMs: 60_000 })).toEqual({ ran: false });
    now = new Date(now.getTime() + 61_000);
    expect(await runOncePerPeriod(db, 'digest', '2026-W48', 'b', async () => 'b', { clock, leaseMs: 60_000 })).toEqual({ ran: true, value: 'b' });
    const run = await findJobRun(db, 'digest', '2026-W48');
    expect(run).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('records a failure and retries only after the retry delay', async () => {
    testDb = await createTestDb(kind);
    const db = testDb.db;
    let now = new Date('2026-11-29T00:00:00Z');
    const options = { clock: () => now, retryDelayMs: 300_000 };
    await expect(runOncePerPeriod(db, 'stale-report', 'd1', 'a', async () => { throw new Error('smtp down'); }, options)).rejects.toThrow('smtp down');
    expect(await findJobRun(db, 'stale-report', 'd1')).toMatchObject({ status: 'running', lastError: 'internal: smtp down' });
    expect(await runOncePerPeriod(db, 'stale-report', 'd1', 'b', async () => 1, options)).toEqual({ ran: false });
    now = new Date(now.getTime() + 300_000);
    expect(await runOncePerPeriod(db, 'stale-report', 'd1', 'b', async () => 1, options)).toEqual({ ran: true, value: 1 });
  });

  it('releases the runs an instance holds on shutdown', async () => {
    testDb = await createTestDb(kind);
    const db = testDb.db;
    const now = new Date('2026-11-29T00:00:00Z');
    void runOncePerPeriod(db, 'retrain', 'd1', 'a', () => new Promise<never>(() => {}), { clock: () => now });
    await waitFor(async () => (await findJobRun(db, 'retrain', 'd1')) !== undefined);
    expect(await releaseJobRuns(db, 'a', now)).toBe(1);
    expect(await runOncePerPeriod(db, 'retrain', 'd1', 'b', async () => 'b', { clock: () => now })).toEqual({ ran: true, value: 'b' });
  });
});

describe('computePeriodKey', () => {
  it('names hours, days and ISO weeks in the configured zone', () => {
    const at = new Date('2026-11-29T18:30:00Z'); // Monday 30 Nov 01:30 in Hanoi
    expect(computePeriodKey('day', at, 'Asia/Ho_Chi_Minh')).toBe('2026-11-30');
    expect(computePeriodKey('day', at, 'UTC')).toBe('2026-11-29');
    expect(computePeriodKey('hour', at, 'Asia/Ho_Chi_Minh')).toBe('2026-11-30T01');
    expect(computePeriodKey('week', at, 'Asia/Ho_Chi_Minh')).toBe('2026-W49');
    expect(computePeriodKey('week', at, 'UTC')).toBe('2026-W48');
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not met');
}
