import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/create-db.js';
import { Hono } from 'hono';
import { registerMetricsRoutes, type MetricsRouteDeps } from '../../src/http/metrics-routes.js';
import { createMetrics, recordPollMetrics } from '../../src/observability/metrics.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { parsePrometheusText, type Sample } from '../support/prometheus-text.js';
import { insertTestSource } from '../support/source-rows.js';

const NOW = new Date('2026-11-29T12:00:00Z');

function findSample(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

describe.each(dbKinds)('/metrics and /readyz on %s', (kind) => {
  let testDb: TestDb | undefined;
  afterEach(async () => testDb?.dispose());

  it('serves Prometheus text with poll counters, latency, lag, error streaks and deliveries', async () => {
    testDb = await createTestDb(kind);
    const { db } = testDb;
    await insertTestSource(db, { key: 'late', next_check_at: new Date(NOW.getTime() - 90_000), error_streak: 3 });
    await insertTestSource(db, { key: 'later', next_check_at: new Date(NOW.getTime() - 30_000) });
    await insertTestSource(db, { key: 'held', next_check_at: new Date(NOW.getTime() - 600_000), locked_until: new Date(NOW.getTime() + 60_000) });
    await insertTestSource(db, { key: 'off', enabled: false, next_check_at: new Date(NOW.getTime() - 900_000), error_streak: 9 });
    await sql`drop table if exists deliveries cascade`.execute(db);
    await sql`create table deliveries (id serial primary key, state text not null)`.execute(db);
    await sql`insert into deliveries (state) values ('sent'), ('sent'), ('failed'), ('pending "x"')`.execute(db);

    const metrics = createMetrics({ db, clock: () => NOW, processMetrics: true });
    recordPollMetrics(metrics, { outcome: 'success', fetchSeconds: 0.3, newItems: 4, updatedItems: 1 });
    recordPollMetrics(metrics, { outcome: 'error', fetchSeconds: 12 });
    recordPollMetrics(metrics, { outcome: 'not-modified', fetchSeconds: 0.02 });
    const app = createMetricsApp({ db, metrics });

    const response = await app.request('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types, samples } = parsePrometheusText(await response.text());
    expect(types.get('bantin_polls_total')).toBe('counter');
    expect(types.get('bantin_fetch_duration_seconds')).toBe('histogram');
    expect(findSample(samples, 'bantin_polls_total', { outcome: 'success' })).toBe(1);
    expect(findSample(samples, 'bantin_polls_total', { outcome: 'error' })).toBe(1);
    expect(findSample(samples, 'bantin_items_ingested_total', { change: 'new' })).toBe(4);
    expect(findSample(samples, 'bantin_fetch_duration_seconds_bucket', { outcome: 'error', le: '10' })).toBe(0);
    expect(findSample(samples, 'bantin_fetch_duration_seconds_bucket', { outcome: 'error', le: '20' })).toBe(1);
    expect(findSample(samples, 'bantin_fetch_duration_seconds_count', { outcome: 'not-modified' })).toBe(1);
    // The held source is being polled by another instance and the disabled one is not due at all.
    expect(findSample(samples, 'bantin_due_source_lag_seconds')).toBe(90);
    expect(findSample(samples, 'bantin_source_error_streak', { source: 'late' })).toBe(3);
    expect(findSample(samples, 'bantin_source_error_streak', { source: 'off' })).toBeUndefined();
    expect(findSample(samples, 'bantin_digest_deliveries', { state: 'sent' })).toBe(2);
    expect(findSample(samples, 'bantin_digest_deliveries', { state: 'pending "x"' })).toBe(1);
    expect(samples.some((s) => s.name.startsWith('bantin_process_'))).toBe(true);
  });

  it('leaves the deliveries gauge empty while the deliveries table does not exist', async () => {
    testDb = await createTestDb(kind);
    await sql`drop table if exists deliveries cascade`.execute(testDb.db);
    const metrics = createMetrics({ db: testDb.db, clock: () => NOW });
    const { samples } = parsePrometheusText(await metrics.registry.metrics());
    expect(samples.filter((s) => s.name === 'bantin_digest_deliveries')).toEqual([]);
    expect(findSample(samples, 'bantin_due_source_lag_seconds')).toBe(0);
  });

  it('is ready only with the database reachable and every migration applied', async () => {
    testDb = await createTestDb(kind, { migrate: false });
    const app = createMetricsApp({ db: testDb.db, metrics: createMetrics() });
    const pending = await app.request('/readyz');
    expect(pending.status).toBe(503);
    expect(await pending.json()).toEqual({ status: 'not ready', reason: 'migrations pending' });
    const { migrateToLatest } = await import('../../src/db/migrator.js');
    await migrateToLatest(testDb.db);
    expect((await app.request('/readyz')).status).toBe(200);
    const unreachable = createDb({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none', dataDir: 'unused' });
    try {
      const down = await createMetricsApp({ db: unreachable.db, metrics: createMetrics({ db: unreachable.db }) }).request('/readyz');
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'not ready', reason: 'database unreachable' });
    } finally {
      await unreachable.close();
    }
  });
});

function createMetricsApp(deps: MetricsRouteDeps): Hono {
  const app = new Hono();
  registerMetricsRoutes(app, deps);
  return app;
}
