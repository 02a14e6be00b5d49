// `bantin start` (migrate, serve HTTP, poll on schedule, run the recurring jobs) and `bantin serve` (HTTP only).
import { parseArgs } from 'node:util';
import { releaseJobRuns } from '../db/job-leases.repo.js';
import { releaseHostSlots } from '../db/host-slots.repo.js';
import { releaseSources, syncSources } from '../db/sources.repo.js';
import { createHttpApp, startHttpServer } from '../http/server.js';
import { createMailTransport } from '../mail/create-transport.js';
import { createLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { createShutdown, listenForStopSignals } from '../scheduler/shutdown.js';
import { createScheduler } from '../scheduler/scheduler.js';
import { buildRecurringJobs } from './recurring-jobs.js';
import { openRuntime, type CliIO } from './runtime.js';

/** How long in-flight work gets to finish after SIGTERM before the process closes anyway (open transactions roll back). */
const SHUTDOWN_GRACE_MS = 30_000;

/** Runs the main job until SIGINT/SIGTERM; returns the exit code. */
export async function runStartCommand(args: string[], _io: CliIO, options: { withScheduler: boolean }): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, port: { type: 'string' } }, strict: true });
  const runtime = await openRuntime(values.config);
  const { db } = runtime.database;
  const logger = createLogger(runtime.settings.logLevel);
  const metrics = createMetrics({ db, processMetrics: true });
  const mailTransport = createMailTransport(runtime.settings, { maxConnections: runtime.config.digest.concurrency });
  const port = values.port !== undefined ? Number(values.port) : runtime.settings.port;
  const app = createHttpApp({ db, config: runtime.config, settings: runtime.settings, logger, metrics, mailTransport });
  const server = await startHttpServer(app, port);
  logger.info({ port: server.port, database: runtime.database.kind, instance: runtime.instanceId }, `serving on port ${server.port}`);

  let stopping = false;
  let scheduler: ReturnType<typeof createScheduler> | null = null;
  let closeFetcher = async () => {};
  if (options.withScheduler) {
    const summary = await syncSources(db, runtime.config, new Date());
    logger.info(summary, `config synced: ${summary.added.length} added, ${summary.updated.length} updated, ${summary.disabled.length} disabled`);
    const jobs = buildRecurringJobs({ runtime, logger, metrics, mailTransport, isStopping: () => stopping });
    closeFetcher = jobs.closeFetcher;
    scheduler = createScheduler(jobs.jobs, runtime.config.timezone, (job, error) => logger.error({ job, err: error }, `job ${job} failed`));
    scheduler.start();
    void scheduler.runNow('poll');
  }

  const shutdown = createShutdown({
    graceMs: SHUTDOWN_GRACE_MS,
    steps: {
      stopClaiming: () => {
        stopping = true;
      },
      waitForInFlight: async () => scheduler?.stop(),
      releaseLeases: async () => {
        const now = new Date();
        await releaseSources(db, runtime.instanceId, now);
        await releaseJobRuns(db, runtime.instanceId, now);
        if (runtime.database.kind === 'pg') await releaseHostSlots(db, runtime.instanceId);
      },
      close: async () => {
        await server.close();
        await closeFetcher();
        await mailTransport.close();
        await runtime.database.close();
      },
    },
  });
  const signal = await new Promise<string>((resolve) => listenForStopSignals(resolve));
  logger.info({ signal }, 'stopping');
  const report = await shutdown.shutdown(signal);
  if (report.timedOut) logger.warn('shutdown grace period ended with work in flight; its transactions rolled back');
  for (const error of report.errors) logger.error(`shutdown: ${error}`);
  logger.info('stopped');
  return report.errors.length === 0 ? 0 : 1;
}
