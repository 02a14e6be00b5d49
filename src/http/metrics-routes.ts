// /metrics (Prometheus text), /healthz (the process answers) and /readyz (database reachable, migrations applied).
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { isDatabaseReachable } from '../db/metrics.repo.js';
import { hasPendingMigrations } from '../db/migrator.js';
import type { Database } from '../db/schema.js';
import type { BantinMetrics } from '../observability/metrics.js';

/** The readiness of the instance and why it is not ready. */
export async function checkReadiness(db: Kysely<Database>): Promise<{ ready: boolean; reason?: string }> {
  if (!(await isDatabaseReachable(db))) return { ready: false, reason: 'database unreachable' };
  try {
    if (await hasPendingMigrations(db)) return { ready: false, reason: 'migrations pending' };
  } catch (error) {
    return { ready: false, reason: `migrations unreadable: ${(error as Error).message}` };
  }
  return { ready: true };
}

/** Routes for monitoring; mount with `app.route('/', createMetricsRoutes(...))`. */
export function createMetricsRoutes(deps: { db: Kysely<Database>; metrics: BantinMetrics }): Hono {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    const body = await deps.metrics.registry.metrics();
    return c.body(body, 200, { 'content-type': deps.metrics.registry.contentType, 'cache-control': 'no-store' });
  });
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, { 'cache-control': 'no-store' }));
  app.get('/readyz', async (c) => {
    const readiness = await checkReadiness(deps.db);
    const status = readiness.ready ? 200 : 503;
    return c.json(readiness.ready ? { status: 'ready' } : { status: 'not ready', reason: readiness.reason }, status, { 'cache-control': 'no-store' });
  });
  return app;
}
