// /healthz: 200 "ok" when the database answers, 503 with the reason when it does not.
import type { Hono } from 'hono';
import { pingDatabase } from '../db/health.repo.js';
import type { HttpDeps } from './server.js';

const PING_TIMEOUT_MS = 5000;

/** Registers /healthz. */
export function registerHealthRoutes(app: Hono, deps: HttpDeps): void {
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await pingWithTimeout(deps);
      return c.text('ok', 200);
    } catch (error) {
      return c.text(`db: ${error instanceof Error ? error.message : String(error)}`, 503);
    }
  });
}

// A database that stops answering must turn the check red, not hang the load balancer's probe.
async function pingWithTimeout(deps: HttpDeps): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([pingDatabase(deps.db), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
