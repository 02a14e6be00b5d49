// `bantin digest send`: build (once) the week's edition, write its ledger rows, send what is pending.
import type { Kysely } from 'kysely';
import type { BantinConfig } from '../config/schema.js';
import type { Settings } from '../config/settings.js';
import type { Database } from '../db/schema.js';
import type { MailTransport } from '../mail/types.js';
import { ensureEdition, type StoryCandidateLoader } from './build-edition.js';
import { createDigestCompiler, type DigestCompiler } from './digest-compiler.js';
import { enqueueDeliveries } from './enqueue-deliveries.js';
import { sendDeliveries, type SendOptions, type SendSummary } from './send-deliveries.js';
import type { EditionContent } from './types.js';
import { previousWeek, resolveWeek, type WeekRange } from './week.js';

export interface DigestRunDeps {
  db: Kysely<Database>;
  config: Pick<BantinConfig, 'timezone' | 'topics' | 'digest'>;
  settings: Pick<Settings, 'publicUrl' | 'secret' | 'adminEmail'>;
  transport: MailTransport;
  loadCandidates: StoryCandidateLoader;
  workerId: string;
  now?: () => Date;
  compiler?: DigestCompiler;
}

export interface DigestRunResult {
  content: EditionContent;
  enqueued: number;
  summary: SendSummary;
  compileCount: number;
}

/** Builds (once) and sends the edition of `range`; safe to run again and from several processes at once. */
export async function sendEdition(deps: DigestRunDeps, range: WeekRange, overrides: Partial<SendOptions> = {}): Promise<DigestRunResult> {
  const now = deps.now ?? (() => new Date());
  const content = await ensureEdition({ db: deps.db, config: deps.config, loadCandidates: deps.loadCandidates, now }, range);
  const enqueued = await enqueueDeliveries(deps.db, content, {
    topics: deps.config.topics,
    secret: deps.settings.secret,
    publicUrl: deps.settings.publicUrl,
    now: now(),
  });
  const compiler = deps.compiler ?? createDigestCompiler({ topics: deps.config.topics, publicUrl: deps.settings.publicUrl });
  const { digest } = deps.config;
  const summary = await sendDeliveries(
    {
      db: deps.db,
      transport: deps.transport,
      compiler,
      workerId: deps.workerId,
      now,
      compose: { publicUrl: deps.settings.publicUrl, secret: deps.settings.secret, fromAddress: digest.fromAddress, adminEmail: deps.settings.adminEmail },
    },
    content,
    { concurrency: digest.concurrency, rate: digest.rate, maxAttempts: digest.maxAttempts, ...overrides },
  );
  return { content, enqueued, summary, compileCount: compiler.compileCount };
}

/** The scheduled job: sends the last complete week's edition. */
export async function runWeeklyDigest(deps: DigestRunDeps): Promise<DigestRunResult> {
  const now = deps.now ? deps.now() : new Date();
  return sendEdition(deps, previousWeek(now, deps.config.timezone));
}

/** The week a command means: `--week` when given, else the last complete week. */
export function resolveRequestedWeek(week: string | undefined, now: Date, timezone: string): WeekRange {
  return week ? resolveWeek(week, timezone) : previousWeek(now, timezone);
}
