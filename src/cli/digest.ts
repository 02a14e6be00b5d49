// `bantin digest send|preview|status|retry`.
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { BantinConfig } from '../config/schema.js';
import type { Settings } from '../config/settings.js';
import { countDeliveriesByStatus, listFailedDeliveries, requeueFailedDeliveries } from '../db/deliveries.repo.js';
import { findEditionByWeek, findPreviousOutletCounts, listStoryCandidates } from '../db/editions.repo.js';
import type { Database } from '../db/schema.js';
import { selectEditionStories } from '../digest/rank.js';
import { compileDigest, personalizeDigest } from '../digest/render-digest.js';
import { resolveRequestedWeek, sendEdition } from '../digest/send-edition.js';
import type { EditionContent } from '../digest/types.js';
import { loadEdition } from '../digest/build-edition.js';
import { createMailTransport } from '../mail/create-transport.js';
import { isLocale } from '../subscribers/types.js';

export interface DigestCommandDeps {
  db: Kysely<Database>;
  config: BantinConfig;
  settings: Settings;
  write(line: string): void;
  now?: () => Date;
}

const USAGE = `usage: bantin digest send [--week 2026-W48]
       bantin digest preview --topic KEY [--locale vi|en] [--week 2026-W48] --out FILE.html
       bantin digest status [--week 2026-W48]
       bantin digest retry --week 2026-W48      (failed and interrupted rows back to pending)`;

/** Runs a digest subcommand; returns the exit code (1 when a send stopped with rows left pending). */
export async function runDigestCommand(args: string[], deps: DigestCommandDeps): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { week: { type: 'string' }, topic: { type: 'string' }, locale: { type: 'string' }, out: { type: 'string' }, config: { type: 'string' } },
    strict: true,
  });
  const now = deps.now ?? (() => new Date());
  const range = resolveRequestedWeek(values.week, now(), deps.config.timezone);
  if (sub === 'send') return runSend(deps, range);
  if (sub === 'status') return runStatus(deps, range.week);
  if (sub === 'retry' && values.week) return runRetry(deps, range.week);
  if (sub === 'preview' && values.topic && values.out) return runPreview(deps, range, { topic: values.topic, locale: values.locale ?? 'vi', out: values.out });
  deps.write(USAGE);
  return 2;
}

async function runSend(deps: DigestCommandDeps, range: ReturnType<typeof resolveRequestedWeek>): Promise<number> {
  const transport = createMailTransport(deps.settings, { maxConnections: deps.config.digest.concurrency });
  try {
    const result = await sendEdition(
      { db: deps.db, config: deps.config, settings: deps.settings, transport, loadCandidates: listStoryCandidates, workerId: `${hostname()}:${process.pid}`, now: deps.now },
      range,
    );
    const { summary } = result;
    deps.write(`digest ${range.week}: ${result.content.stories.length} stories, ${result.enqueued} new deliveries, ${result.compileCount} MJML compiles`);
    deps.write(`sent ${summary.sent}, failed ${summary.failed}, skipped ${summary.skipped}, retried ${summary.retried}, interrupted ${summary.interrupted}`);
    if (summary.aborted) deps.write(`stopped: ${summary.aborted} — the remaining rows stay pending; run again later`);
    return summary.aborted ? 1 : 0;
  } finally {
    await transport.close();
  }
}

async function runStatus(deps: DigestCommandDeps, week: string): Promise<number> {
  const edition = await findEditionByWeek(deps.db, week);
  if (!edition) {
    deps.write(`digest ${week}: not built yet`);
    return 0;
  }
  const counts = await countDeliveriesByStatus(deps.db, edition.id);
  deps.write(`digest ${week}: built ${edition.builtAt.toISOString()}`);
  deps.write(Object.entries(counts).map(([state, n]) => `${state} ${n}`).join(', '));
  for (const row of await listFailedDeliveries(deps.db, edition.id, 20)) deps.write(`failed ${row.email} (${row.attempts} attempts): ${row.lastError ?? ''}`);
  return 0;
}

async function runRetry(deps: DigestCommandDeps, week: string): Promise<number> {
  const edition = await findEditionByWeek(deps.db, week);
  if (!edition) {
    deps.write(`digest ${week}: not built yet`);
    return 1;
  }
  const count = await requeueFailedDeliveries(deps.db, edition.id, new Date());
  deps.write(`digest ${week}: ${count} rows back to pending; run \`bantin digest send --week ${week}\``);
  return 0;
}

async function runPreview(deps: DigestCommandDeps, range: ReturnType<typeof resolveRequestedWeek>, options: { topic: string; locale: string; out: string }): Promise<number> {
  if (!deps.config.topics.some((t) => t.key === options.topic)) {
    deps.write(`digest: unknown topic "${options.topic}"`);
    return 2;
  }
  if (!isLocale(options.locale)) {
    deps.write(`digest: unknown locale "${options.locale}" (vi or en)`);
    return 2;
  }
  // A preview never builds (and so never freezes) an edition: it ranks the week's stories in memory.
  const content = (await loadEdition(deps.db, range.week)) ?? (await rankWithoutSaving(deps, range));
  const compiled = await compileDigest({ content, locale: options.locale, topicKeys: [options.topic], topics: deps.config.topics, publicUrl: deps.settings.publicUrl });
  const body = personalizeDigest(compiled, { preferencesUrl: `${deps.settings.publicUrl}/preferences`, unsubscribeUrl: `${deps.settings.publicUrl}/unsubscribe` });
  await writeFile(options.out, body.html);
  const count = content.stories.filter((s) => s.topicKey === options.topic).length;
  deps.write(`digest preview ${range.week} ${options.topic} (${options.locale}): ${count} stories → ${options.out}`);
  return 0;
}

async function rankWithoutSaving(deps: DigestCommandDeps, range: ReturnType<typeof resolveRequestedWeek>): Promise<EditionContent> {
  const candidates = await listStoryCandidates(deps.db, range);
  const previous = await findPreviousOutletCounts(deps.db, candidates.map((c) => c.storyId), range.from);
  const stories = selectEditionStories(deps.config.topics.map((t) => t.key), candidates, previous, deps.config.digest.storiesPerTopic);
  return { edition: { id: 0, week: range.week, timezone: deps.config.timezone, from: range.from, to: range.to, builtAt: new Date() }, stories };
}
