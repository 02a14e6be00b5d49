// `bantin start` (migrate, serve HTTP, poll on schedule) and `bantin serve` (HTTP only).
import { parseArgs } from 'node:util';
import { syncSources } from '../db/sources.repo.js';
import { releaseSources } from '../db/sources.repo.js';
import { createHttpApp, startHttpServer } from '../http/server.js';
import { pollDueSources } from '../ingest/poll-run.js';
import { createScheduler, type RecurringJob } from '../scheduler/scheduler.js';
import { formatOutcome } from './poll.js';
import { createConfiguredFetcher, openRuntime, type CliIO, type Runtime } from './runtime.js';

/** How long in-flight polls get to finish after SIGTERM before the process closes anyway (they roll back). */
const SHUTDOWN_GRACE_MS = 30_000;

/** Runs the main job until SIGINT/SIGTERM. */
export async function runStartCommand(args: string[], io: CliIO, options: { withScheduler: boolean }): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, port: { type: 'string' } }, strict: true });
  const runtime = await openRuntime(values.config);
  const { db } = runtime.database;
  const port = values.port !== undefined ? Number(values.port) : runtime.settings.port;
  const app = createHttpApp({ db, config: runtime.config, settings: runtime.settings });
  const server = await startHttpServer(app, port);
  io.out(`bantin: serving on http://127.0.0.1:${server.port} (database: ${runtime.database.kind})`);

  let stopping = false;
  const fetcher = createConfiguredFetcher(runtime.settings, runtime.config);
  const scheduler = options.withScheduler ? createPollScheduler(runtime, fetcher, io, () => stopping) : null;
  if (scheduler) {
    const summary = await syncSources(db, runtime.config, new Date());
    io.out(`bantin: config synced (${summary.added.length} added, ${summary.updated.length} updated, ${summary.disabled.length} disabled)`);
    scheduler.start();
    void scheduler.runNow('poll');
  }

  await waitForSignal();
  stopping = true;
  io.out('bantin: stopping');
  const grace = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
  await Promise.race([scheduler?.stop() ?? Promise.resolve(), grace]);
  await releaseSources(db, runtime.instanceId).catch(() => 0);
  await server.close();
  await fetcher.close();
  await runtime.database.close();
  io.out('bantin: stopped');
  return 0;
}

function createPollScheduler(runtime: Runtime, fetcher: ReturnType<typeof createConfiguredFetcher>, io: CliIO, isStopping: () => boolean) {
  const { db } = runtime.database;
  const jobs: RecurringJob[] = [
    {
      name: 'poll',
      // Every 30 s: claim whatever is due. Each source's own interval decides when it is due.
      cron: '*/30 * * * * *',
      run: async () => {
        await pollDueSources(
          { db, fetcher, config: runtime.config, instanceId: runtime.instanceId, now: () => new Date() },
          { isStopping, onOutcome: (outcome) => io.out(formatOutcome(outcome)) },
        );
      },
    },
  ];
  return createScheduler(jobs, runtime.config.timezone, (job, error) => io.err(`bantin: job ${job} failed: ${(error as Error).message}`));
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
