// The recurring jobs of `bantin start`: polling (every 30 s, split between instances by source leases) and the
// once-per-period jobs (topic retraining, pruning, the stale-sources report, the weekly digest), each run by one
// instance per period through a job_runs lease.
import type { Logger } from 'pino';
import { listStoryCandidates } from '../db/editions.repo.js';
import { runWeeklyDigest } from '../digest/send-edition.js';
import { pollDueSources } from '../ingest/poll-run.js';
import type { PollOutcome } from '../ingest/poll-source.js';
import type { MailTransport } from '../mail/types.js';
import { createSourceLogger } from '../observability/logger.js';
import { createMeasuredFetcher } from '../observability/measured-fetcher.js';
import { recordPollMetrics, type BantinMetrics } from '../observability/metrics.js';
import { runStaleReportJob } from '../observability/stale-report.js';
import { pruneOldItems } from '../retention/prune.js';
import { computePeriodKey, runOncePerPeriod } from '../scheduler/job-lease.js';
import { createPoliteFetcher } from '../scheduler/polite-fetcher.js';
import type { RecurringJob } from '../scheduler/scheduler.js';
import { createStoryHook } from '../stories/assign.js';
import { retrainTopicModel } from '../topics/retrain.js';
import { createConfiguredFetcher, type Runtime } from './runtime.js';

export interface RecurringJobDeps {
  runtime: Runtime;
  logger: Logger;
  metrics: BantinMetrics;
  mailTransport: MailTransport;
  isStopping(): boolean;
}

/** Builds every recurring job of the main process; `closeFetcher` releases the poller's connections. */
export function buildRecurringJobs(deps: RecurringJobDeps): { jobs: RecurringJob[]; closeFetcher(): Promise<void> } {
  const { runtime, logger } = deps;
  const { db } = runtime.database;
  const { config, settings, instanceId } = runtime;
  const baseFetcher = createConfiguredFetcher(settings, config);
  // Across instances (only possible on Postgres) the per-host limit is shared through host_slots.
  const politeFetcher =
    runtime.database.kind === 'pg'
      ? createPoliteFetcher(baseFetcher, { db, instanceId, perHost: config.poll.perHost, leaseMs: config.poll.timeout * 2 })
      : baseFetcher;
  const fetcher = createMeasuredFetcher(politeFetcher, deps.metrics);
  const pollDeps = { db, fetcher, config, instanceId, now: () => new Date(), afterItemsStored: createStoryHook(config) };

  const oncePer = (name: string, period: 'day' | 'week', cron: string, run: (now: Date) => Promise<unknown>): RecurringJob => ({
    name,
    cron,
    run: async () => {
      const now = new Date();
      const result = await runOncePerPeriod(db, name, computePeriodKey(period, now, config.timezone), instanceId, () => run(now));
      if (result.ran) logger.info({ job: name, result: result.value }, `job ${name} done`);
    },
  });

  const jobs: RecurringJob[] = [
    {
      name: 'poll',
      // Every 30 s: claim whatever is due; each source's own interval decides when it is due.
      cron: '*/30 * * * * *',
      run: async () => {
        await pollDueSources(pollDeps, { isStopping: deps.isStopping, onOutcome: (outcome) => reportOutcome(outcome, deps) });
      },
    },
    oncePer('retrain-topics', 'day', '15 3 * * *', (now) => retrainTopicModel(db, now, config)),
    oncePer('prune', 'day', '45 3 * * *', (now) => pruneOldItems(db, { maxAgeMs: config.retention.maxAge, now })),
    oncePer('stale-report', 'day', '0 8 * * *', (now) =>
      runStaleReportJob({
        db,
        adminEmail: settings.adminEmail,
        fromAddress: config.digest.fromAddress,
        publicUrl: settings.publicUrl,
        locale: 'vi',
        now,
        send: (message) => deps.mailTransport.send(message),
      }),
    ),
    oncePer('digest', 'week', config.digest.cron, async () => {
      const result = await runWeeklyDigest({ db, config, settings, transport: deps.mailTransport, loadCandidates: listStoryCandidates, workerId: instanceId });
      return { week: result.content.edition.week, enqueued: result.enqueued, ...result.summary };
    }),
  ];
  return { jobs, closeFetcher: () => baseFetcher.close() };
}

function reportOutcome(outcome: PollOutcome, deps: RecurringJobDeps): void {
  const log = createSourceLogger(deps.logger, outcome.sourceKey);
  if (outcome.status === 'error') {
    recordPollMetrics(deps.metrics, { outcome: 'error' });
    log.warn({ code: outcome.code }, outcome.message);
  } else if (outcome.status === 'not-modified') {
    recordPollMetrics(deps.metrics, { outcome: 'not-modified' });
    log.debug('not modified');
  } else {
    recordPollMetrics(deps.metrics, { outcome: 'success', newItems: outcome.newItems, updatedItems: outcome.updatedItems });
    log.info({ new: outcome.newItems, updated: outcome.updatedItems, unchanged: outcome.unchangedItems }, 'polled');
  }
}
