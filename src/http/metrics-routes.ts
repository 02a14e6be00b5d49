// /metrics (Prometheus text) and /readyz (database reachable, every migration applied).
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { pingDatabase } from '../db/health.repo.js';
import { hasPendingMigrations } from '../db/migrator.js';
import type { Database } from '../db/schema.js';
import type { BantinMetrics } from '../observability/metrics.js';

export interface MetricsRouteDeps {
  db: Kysely<Database>;
  metrics: BantinMetrics;
}

/** Whether the instance can serve, and why not. */
export async function checkReadiness(db: Kysely<Database>): Promise<{ ready: boolean; reason?: string }> {
  try {
    await pingDatabase(db);
  } catch {
    return { ready: false, reason: 'database unreachable' };
  }
  try {
    if (await hasPendingMigrations(db)) return { ready: false, reason: 'migrations pending' };
  } catch (error) {
    return { ready: false, reason: `migrations unreadable: ${(error as Error).message}` };
  }
  return { ready: true };
}

/** Registers /metrics and /readyz. */
export function registerMetricsRoutes(app: Hono, deps: MetricsRouteDeps): void {
  app.get('/metrics', async (c) => {
    const body = await deps.metrics.registry.metrics();
    return c.body(body, 200, { 'content-type': deps.metrics.registry.contentType, 'cache-control': 'no-store' });
  });
  app.get('/readyz', async (c) => {
    const readiness = await checkReadiness(deps.db);
    const body = readiness.ready ? { status: 'ready' } : { status: 'not ready', reason: readiness.reason };
    return c.json(body, readiness.ready ? 200 : 503, { 'cache-control': 'no-store' });
  });
}
