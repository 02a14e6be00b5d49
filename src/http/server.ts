// The HTTP app: each feature registers its routes from its own module; this file wires them and runs the server.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { BantinConfig } from '../config/schema.js';
import type { Settings } from '../config/settings.js';
import type { Database } from '../db/schema.js';
import type { Logger } from '../observability/logger.js';
import type { MailTransport } from '../mail/types.js';
import { createMetrics, type BantinMetrics } from '../observability/metrics.js';
import { registerFeedRoutes } from './feed-routes.js';
import { registerMetricsRoutes } from './metrics-routes.js';
import { registerStatusRoutes } from './status-routes.js';
import { registerStoryFeedRoutes } from './story-feed-routes.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerArchiveRoutes } from './archive-routes.js';
import { registerSubscriptionRoutes } from './subscription-routes.js';

/** What route modules receive. */
export interface HttpDeps {
  db: Kysely<Database>;
  config: BantinConfig;
  settings: Settings;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** Where unexpected route errors are logged; stderr when absent. */
  logger?: Logger;
  /** The process's metrics (shared with the poller); a fresh registry reading only the database when absent. */
  metrics?: BantinMetrics;
  /** Where confirmation emails go; built from SMTP_URL / the outbox when absent. */
  mailTransport?: MailTransport;
}

/** A listening server. */
export interface RunningHttpServer {
  port: number;
  close(): Promise<void>;
}

/** Creates the app with every route registered. */
export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    // Error messages echo parts of the URL; a browser must never sniff that plain text into HTML.
    c.header('X-Content-Type-Options', 'nosniff');
  });
  app.notFound((c) => c.text('not found', 404));
  app.onError((error, c) => {
    // The client gets no internals; the operator gets the message in the log.
    const message = `http: ${c.req.method} ${c.req.path} failed: ${error.message}`;
    if (deps.logger) deps.logger.error({ err: error }, message);
    else console.error(message);
    return c.text('internal error', 500);
  });
  registerHealthRoutes(app, deps);
  registerMetricsRoutes(app, { db: deps.db, metrics: deps.metrics ?? createMetrics({ db: deps.db }) });
  registerStatusRoutes(app, deps);
  // Story feeds answer /feeds/all.* and /feeds/topics/*; the item-level routes keep /feeds/sources/*.
  registerStoryFeedRoutes(app, deps);
  registerFeedRoutes(app, deps);
  registerSubscriptionRoutes(app, deps);
  registerArchiveRoutes(app, deps);
  return app;
}

/** Listens on the port (0 picks a free one) and resolves once the socket is bound. */
export async function startHttpServer(app: Hono, port: number, host = '0.0.0.0'): Promise<RunningHttpServer> {
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { port: (server.address() as AddressInfo).port, close: () => closeServer(server) };
}

// Idle keep-alive sockets would hold close() open until they time out, so they are closed at once.
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
