// One source's poll, as a list of stage calls: collect → identify → plan → store (one transaction) → record.
import type { Kysely } from 'kysely';
import type { BantinConfig } from '../config/schema.js';
import { findKnownItems, findKnownUrls, insertItems, updateItem } from '../db/items.repo.js';
import type { Database } from '../db/schema.js';
import { recordPollFailure, recordPollSuccess } from '../db/sources.repo.js';
import { describeError } from '../errors.js';
import { classifyPollFailure, computeNextCheck, parseCacheControlMaxAge } from '../scheduler/next-check.js';
import { recordRedirects } from '../scheduler/redirects.js';
import { collectSourceItems, hasFullText } from './collect.js';
import { enrichWithFullText } from './html/full-text.js';
import { dedupeWithinFeed, identifyItem } from './identify.js';
import { planItemWrites, type IdentifiedItem, type ItemWritePlan } from './plan-item-writes.js';
import type { CollectContext, Fetcher, FetchState, Source, StoredItem } from './types.js';

/** Called inside the poll's transaction after its items are written (stories and topics plug in here). */
export type AfterItemsStored = (trx: Kysely<Database>, source: Source, stored: StoredItem[], now: Date) => Promise<void>;

export interface PollDeps {
  db: Kysely<Database>;
  fetcher: Fetcher;
  config: BantinConfig;
  /** Names this process in leases. */
  instanceId: string;
  now: () => Date;
  afterItemsStored?: AfterItemsStored;
  /** Fetch article pages again even for known URLs, and rewrite those items (`bantin poll --once --refetch`). */
  refetchArticles?: boolean;
}

export type PollOutcome =
  | { sourceKey: string; status: 'stored'; newItems: number; updatedItems: number; unchangedItems: number }
  | { sourceKey: string; status: 'not-modified' }
  | { sourceKey: string; status: 'error'; code: string; message: string };

/** Polls one claimed source. Never throws for the source's own faults: they are recorded on the source. */
export async function pollSource(deps: PollDeps, source: Source): Promise<PollOutcome> {
  const now = deps.now();
  const refetch = deps.refetchArticles === true;
  const ctx: CollectContext = {
    // A refetch must read the listing or feed in full, so it does not send the stored validators.
    source: refetch ? { ...source, etag: null, lastModified: null } : source,
    fetcher: deps.fetcher,
    now,
    findKnownUrls: refetch ? async () => new Set<string>() : (urls) => findKnownUrls(deps.db, source.id, urls),
  };
  try {
    const collected = await collectSourceItems(ctx);
    const record: SuccessRecord = { now, instanceId: deps.instanceId, fetchState: collected.fetchState, nextCheckAt: nextCheckAfterSuccess(source, collected.fetchState, now) };
    if (collected.kind === 'not-modified') {
      await deps.db.transaction().execute((trx) => recordSuccess(trx, source, record, 0));
      return { sourceKey: source.key, status: 'not-modified' };
    }
    const identified = dedupeWithinFeed(collected.items.map((item): IdentifiedItem => ({ ...identifyItem(item), item })));
    const known = await findKnownItems(deps.db, source.id, identified.map((entry) => entry.identityKey));
    // Full text is fetched for new items only (and, on a refetch, for every item again); identity and content
    // hash stay those of the feed's teaser, so a re-poll compares teaser with teaser and an ordinary update never
    // overwrites the stored article with the teaser.
    const fullText = hasFullText(ctx);
    const plan = planItemWrites(identified, known, { rewriteKnown: fullText && refetch });
    if (fullText) plan.inserts = await replaceWithArticles(ctx, plan.inserts);
    if (fullText && refetch) plan.updates = await replaceUpdatesWithArticles(ctx, plan.updates);
    const keepArticle = fullText && !refetch;
    const stored = await deps.db.transaction().execute((trx) => storeItems(trx, deps, source, plan, record, keepArticle));
    const newItems = stored.filter((s) => s.change === 'new').length;
    return { sourceKey: source.key, status: 'stored', newItems, updatedItems: stored.length - newItems, unchangedItems: plan.unchanged };
  } catch (error) {
    return recordFailure(deps, source, now, error);
  }
}

type SuccessRecord = { now: Date; instanceId: string; nextCheckAt: Date; fetchState: FetchState };

/** The poll's one transaction: new items, updates in place, the stories hook, and the source's new state. */
async function storeItems(trx: Kysely<Database>, deps: PollDeps, source: Source, plan: ItemWritePlan, record: SuccessRecord, keepArticle: boolean): Promise<StoredItem[]> {
  const ids = await insertItems(trx, source.id, plan.inserts, record.now);
  const written: StoredItem[] = plan.inserts.flatMap((entry) => {
    const id = ids.get(entry.identityKey);
    return id === undefined ? [] : [{ id, sourceId: source.id, change: 'new' as const, item: entry.item }];
  });
  for (const { id, entry } of plan.updates) {
    await updateItem(trx, id, entry, record.now, { keepArticle });
    written.push({ id, sourceId: source.id, change: 'updated', item: entry.item });
  }
  if (deps.afterItemsStored && written.length > 0) await deps.afterItemsStored(trx, source, written, record.now);
  await recordSuccess(trx, source, record, written.filter((s) => s.change === 'new').length);
  return written;
}

async function recordSuccess(trx: Kysely<Database>, source: Source, record: SuccessRecord, newItems: number): Promise<void> {
  await recordPollSuccess(trx, source.id, { ...record, newItems });
  await recordRedirects(trx, source, record.fetchState, record.now);
}

/** Records the failure on the source with its next check (backoff, Retry-After) and, for a 410, disables it. */
async function recordFailure(deps: PollDeps, source: Source, now: Date, error: unknown): Promise<PollOutcome> {
  const { code, message } = describeError(error);
  const failure = classifyPollFailure(error, now);
  const nextCheckAt = computeNextCheck({
    now,
    intervalMs: source.intervalMs,
    outcome: 'error',
    errorStreak: (source.errorStreak ?? 0) + 1,
    retryAfterSeconds: failure.retryAfterSeconds,
    maxBackoffMs: deps.config.poll.maxBackoff,
  });
  await recordPollFailure(deps.db, source.id, { now, instanceId: deps.instanceId, nextCheckAt, code, message, disableReason: failure.disable });
  return { sourceKey: source.key, status: 'error', code, message };
}

/** Next check after a success: the interval, stretched by the feed's <ttl> or the response's Cache-Control max-age. */
function nextCheckAfterSuccess(source: Source, fetchState: FetchState, now: Date): Date {
  return computeNextCheck({
    now,
    intervalMs: source.intervalMs,
    outcome: 'success',
    errorStreak: 0,
    ttlMinutes: fetchState.ttlMinutes,
    cacheMaxAgeSeconds: parseCacheControlMaxAge(fetchState.headers?.['cache-control']),
    maxBackoffMs: 0,
  });
}

async function replaceWithArticles(ctx: CollectContext, inserts: IdentifiedItem[]): Promise<IdentifiedItem[]> {
  if (inserts.length === 0) return inserts;
  const enriched = await enrichWithFullText(ctx, inserts.map((entry) => entry.item));
  return inserts.map((entry, index) => ({ ...entry, item: enriched[index]! }));
}

async function replaceUpdatesWithArticles(ctx: CollectContext, updates: ItemWritePlan['updates']): Promise<ItemWritePlan['updates']> {
  const entries = await replaceWithArticles(ctx, updates.map((update) => update.entry));
  return updates.map((update, index) => ({ id: update.id, entry: entries[index]! }));
}
