// Prometheus metrics on a registry of our own (never the global one), so tests and instances don't collide.
import type { Kysely } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { countDeliveriesByState, listSourceErrorStreaks, readDueSourceLagSeconds } from '../db/metrics.repo.js';
import type { Database } from '../db/schema.js';

export type PollOutcome = 'success' | 'not-modified' | 'error';

export interface BantinMetrics {
  registry: Registry;
  polls: Counter<'outcome'>;
  itemsIngested: Counter<'change'>;
  fetchDuration: Histogram<'outcome'>;
  dueLag: Gauge;
  sourceErrorStreak: Gauge<'source'>;
  deliveries: Gauge<'state'>;
}

export interface MetricsOptions {
  /** Read the database-backed gauges at scrape time; without it they stay empty. */
  db?: Kysely<Database>;
  clock?: () => Date;
  /** Also export Node process metrics (memory, event loop, GC). */
  processMetrics?: boolean;
}

/** Creates the bantin metrics on a fresh registry. */
export function createMetrics(options: MetricsOptions = {}): BantinMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'bantin_' });
  const polls = new Counter({ name: 'bantin_polls_total', help: 'Source polls by outcome.', labelNames: ['outcome'], registers: [registry] });
  // Zero series for every outcome, so rate() works before the first failure.
  for (const outcome of ['success', 'not-modified', 'error'] as const) polls.inc({ outcome }, 0);
  const itemsIngested = new Counter({
    name: 'bantin_items_ingested_total',
    help: 'Items stored by polls, new or updated in place.',
    labelNames: ['change'],
    registers: [registry],
  });
  const fetchDuration = new Histogram({
    name: 'bantin_fetch_duration_seconds',
    help: 'Time to fetch one source, by outcome.',
    labelNames: ['outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30],
    registers: [registry],
  });
  return { registry, polls, itemsIngested, fetchDuration, ...createDatabaseGauges(registry, options.db, options.clock ?? (() => new Date())) };
}

/** Gauges read from the database at scrape time; without a database they stay empty. */
function createDatabaseGauges(registry: Registry, db: Kysely<Database> | undefined, clock: () => Date): Pick<BantinMetrics, 'dueLag' | 'sourceErrorStreak' | 'deliveries'> {
  const dueLag = new Gauge({
    name: 'bantin_due_source_lag_seconds',
    help: 'How long the most overdue source has waited past its next check time.',
    registers: [registry],
    async collect() {
      if (db) this.set(await readOrDefault(() => readDueSourceLagSeconds(db, clock()), 0));
    },
  });
  const sourceErrorStreak = new Gauge({
    name: 'bantin_source_error_streak',
    help: 'Failed polls in a row, per enabled source.',
    labelNames: ['source'],
    registers: [registry],
    async collect() {
      if (!db) return;
      const streaks = await readOrDefault(() => listSourceErrorStreaks(db), []);
      this.reset();
      for (const { key, errorStreak } of streaks) this.set({ source: key }, errorStreak);
    },
  });
  const deliveries = new Gauge({
    name: 'bantin_digest_deliveries',
    help: 'Digest deliveries in the ledger, by state.',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      if (!db) return;
      const counts = await readOrDefault(() => countDeliveriesByState(db), []);
      this.reset();
      for (const { state, count } of counts) this.set({ state }, count);
    },
  });
  return { dueLag, sourceErrorStreak, deliveries };
}

/** Counts one poll: its outcome, how long the fetch took, and the items it stored. */
export function recordPollMetrics(
  metrics: BantinMetrics,
  poll: { outcome: PollOutcome; fetchSeconds?: number; newItems?: number; updatedItems?: number },
): void {
  metrics.polls.inc({ outcome: poll.outcome });
  if (poll.fetchSeconds !== undefined) metrics.fetchDuration.observe({ outcome: poll.outcome }, poll.fetchSeconds);
  if (poll.newItems) metrics.itemsIngested.inc({ change: 'new' }, poll.newItems);
  if (poll.updatedItems) metrics.itemsIngested.inc({ change: 'updated' }, poll.updatedItems);
}

// A scrape must still answer when the database is down; /readyz is where that shows.
async function readOrDefault<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch {
    return fallback;
  }
}
