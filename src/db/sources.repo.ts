// Sources: config sync, claiming due sources with leases, and recording poll outcomes.
import { isDeepStrictEqual } from 'node:util';
import { sql, type Kysely } from 'kysely';
import type { BantinConfig, SourceConfig } from '../config/schema.js';
import type { FetchState, Source } from '../ingest/types.js';
import type { Database, SourceRow } from './schema.js';

export interface SyncSummary {
  added: string[];
  updated: string[];
  disabled: string[];
}

const REMOVED_REASON = 'removed from config';
const DISABLED_REASON = 'disabled in config';

/** Maps a sources row to the pipeline's Source value. */
export function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    url: row.fetch_url,
    kind: row.kind === 'government' ? 'government' : 'press',
    type: row.type === 'html' ? 'html' : 'feed',
    topics: row.topics,
    timezone: row.timezone,
    intervalMs: row.interval_seconds * 1000,
    enabled: row.enabled,
    etag: row.etag,
    lastModified: row.last_modified,
    errorStreak: row.error_streak,
    settings: row.settings,
  };
}

/**
 * Makes the sources table match the config: new sources are added, changed ones updated, and sources no longer
 * in the config disabled (never deleted, so their items stay).
 */
export async function syncSources(db: Kysely<Database>, config: BantinConfig, now: Date): Promise<SyncSummary> {
  return db.transaction().execute(async (trx) => {
    // Serialize concurrent syncs (several instances starting at once) so they don't race on inserts.
    await sql`select pg_advisory_xact_lock(7427001)`.execute(trx);
    const existing = new Map((await trx.selectFrom('sources').selectAll().execute()).map((row) => [row.key, row]));
    const summary: SyncSummary = { added: [], updated: [], disabled: [] };
    for (const entry of config.sources) {
      const wanted = describeSourceEntry(entry, config);
      const row = existing.get(entry.key);
      existing.delete(entry.key);
      if (!row) {
        await trx.insertInto('sources').values({ ...wanted, fetch_url: entry.url, next_check_at: now, updated_at: now }).execute();
        summary.added.push(entry.key);
        continue;
      }
      const urlChanged = row.url !== entry.url;
      const changes = diffSourceRow(row, wanted, urlChanged);
      if (changes === null) continue;
      await trx
        .updateTable('sources')
        .set({
          ...changes,
          // A new URL from the admin supersedes any permanent-redirect move and its notice.
          ...(urlChanged
            ? { fetch_url: entry.url, etag: null, last_modified: null, next_check_at: now, notice: null, notice_at: null, redirect_target: null, redirect_streak: 0 }
            : {}),
          updated_at: now,
        })
        .where('id', '=', row.id)
        .execute();
      summary.updated.push(entry.key);
    }
    for (const row of existing.values()) {
      if (!row.enabled && row.disabled_reason === REMOVED_REASON) continue;
      await trx.updateTable('sources').set({ enabled: false, disabled_reason: REMOVED_REASON, updated_at: now }).where('id', '=', row.id).execute();
      summary.disabled.push(row.key);
    }
    return summary;
  });
}

type WantedSource = Pick<SourceRow, 'key' | 'name' | 'url' | 'kind' | 'type' | 'timezone' | 'interval_seconds' | 'enabled' | 'disabled_reason'> & {
  topics: string;
  settings: string;
};

function describeSourceEntry(entry: SourceConfig, config: BantinConfig): WantedSource {
  return {
    key: entry.key,
    name: entry.name,
    url: entry.url,
    kind: entry.kind,
    type: entry.type,
    topics: JSON.stringify(entry.topics),
    settings: JSON.stringify(entry),
    timezone: entry.timezone ?? config.timezone,
    interval_seconds: Math.max(1, Math.round((entry.interval ?? config.poll.interval) / 1000)),
    enabled: entry.enabled,
    disabled_reason: entry.enabled ? null : DISABLED_REASON,
  };
}

/** The columns to update, or null when the row already matches the config. */
function diffSourceRow(row: SourceRow, wanted: WantedSource, urlChanged: boolean): Partial<WantedSource> | null {
  const changes: Partial<WantedSource> = {};
  for (const column of ['name', 'url', 'kind', 'type', 'timezone', 'interval_seconds'] as const) {
    if (row[column] !== wanted[column]) (changes as Record<string, unknown>)[column] = wanted[column];
  }
  // jsonb reorders object keys, so compare values, not strings.
  if (!isDeepStrictEqual(row.topics, JSON.parse(wanted.topics))) changes.topics = wanted.topics;
  if (!isDeepStrictEqual(row.settings, JSON.parse(wanted.settings))) changes.settings = wanted.settings;
  // A source the server disabled (410 Gone) stays disabled until the admin changes its URL.
  const disabledByServer = !row.enabled && row.disabled_reason !== null && row.disabled_reason !== REMOVED_REASON && row.disabled_reason !== DISABLED_REASON;
  const enabled = wanted.enabled && (!disabledByServer || urlChanged);
  if (row.enabled !== enabled || (enabled && row.disabled_reason !== null) || (!wanted.enabled && row.disabled_reason !== DISABLED_REASON)) {
    changes.enabled = enabled;
    changes.disabled_reason = enabled ? null : wanted.enabled ? row.disabled_reason : DISABLED_REASON;
  }
  return Object.keys(changes).length === 0 ? null : changes;
}

export interface ClaimOptions {
  instanceId: string;
  limit: number;
  now: Date;
  leaseMs: number;
  /** Claim these sources whether due or not (still skipping ones another instance holds). */
  keys?: string[];
}

/**
 * Claims up to `limit` due sources for this instance: rows locked by another transaction are skipped, and a claimed
 * row gets a lease and its next check time at once, so a crashed instance's sources come back when the lease ends.
 */
export async function claimDueSources(db: Kysely<Database>, options: ClaimOptions): Promise<Source[]> {
  const { instanceId, limit, now, leaseMs, keys } = options;
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await db
    .updateTable('sources')
    .set({
      locked_by: instanceId,
      locked_until: leaseUntil,
      next_check_at: sql<Date>`${now}::timestamptz + make_interval(secs => interval_seconds)`,
      last_polled_at: now,
    })
    .where('id', 'in', (qb) => {
      let query = qb
        .selectFrom('sources')
        .select('id')
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .orderBy('next_check_at')
        .limit(limit)
        .forUpdate()
        .skipLocked();
      // A row still marked locked_by with an expired lease was claimed by an instance that died before recording
      // an outcome: it is due again now, even though the claim already moved its next_check_at.
      query = keys
        ? query.where('key', 'in', keys.length > 0 ? keys : [''])
        : query.where('enabled', '=', true).where((eb) => eb.or([eb('next_check_at', '<=', now), eb('locked_by', 'is not', null)]));
      return query;
    })
    .returningAll()
    .execute();
  return rows.map(toSource);
}

/** Outcome of one poll, written on the source row in the poll's transaction (success) or alone (failure). */
export interface PollRecord {
  now: Date;
  nextCheckAt: Date;
  instanceId: string;
}

/** Records a successful poll: clears the error streak and the lease, stores the remote document's validators. */
export async function recordPollSuccess(
  db: Kysely<Database>,
  sourceId: number,
  record: PollRecord & { fetchState: FetchState; newItems: number },
): Promise<void> {
  const { fetchState, now } = record;
  await db
    .updateTable('sources')
    .set({
      etag: fetchState.etag,
      last_modified: fetchState.lastModified,
      final_url: fetchState.finalUrl,
      ...(fetchState.feedTitle ? { feed_title: fetchState.feedTitle } : {}),
      ...(fetchState.siteUrl ? { site_url: fetchState.siteUrl } : {}),
      ...(record.newItems > 0 ? { last_new_item_at: now } : {}),
      last_success_at: now,
      error_streak: 0,
      next_check_at: record.nextCheckAt,
      locked_until: null,
      locked_by: null,
      updated_at: now,
    })
    .where('id', '=', sourceId)
    .where('locked_by', '=', record.instanceId)
    .execute();
}

/** Records a failed poll with its code and message, counts it, and releases the lease. */
export async function recordPollFailure(
  db: Kysely<Database>,
  sourceId: number,
  record: PollRecord & { code: string; message: string; disableReason?: string },
): Promise<void> {
  await db
    .updateTable('sources')
    .set((eb) => ({
      last_error_code: record.code,
      last_error_message: record.message,
      last_error_at: record.now,
      error_count: eb('error_count', '+', 1),
      error_streak: eb('error_streak', '+', 1),
      next_check_at: record.nextCheckAt,
      locked_until: null,
      locked_by: null,
      updated_at: record.now,
      ...(record.disableReason ? { enabled: false, disabled_reason: record.disableReason } : {}),
    }))
    .where('id', '=', sourceId)
    .execute();
}

/** Gives back every lease this instance holds (on shutdown), so other instances can poll those sources at once. */
export async function releaseSources(db: Kysely<Database>, instanceId: string, now: Date = new Date()): Promise<number> {
  // Rows still locked at shutdown were claimed but never polled: make them due at once for the other instances.
  const result = await db
    .updateTable('sources')
    .set({ locked_until: null, locked_by: null, next_check_at: now })
    .where('locked_by', '=', instanceId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Finds a source by key, enabled or not. */
export async function findSourceByKey(db: Kysely<Database>, key: string): Promise<SourceRow | undefined> {
  return db.selectFrom('sources').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Lists every source row ordered by key. */
export async function listSourceRows(db: Kysely<Database>, options: { enabledOnly?: boolean } = {}): Promise<SourceRow[]> {
  let query = db.selectFrom('sources').selectAll().orderBy('key');
  if (options.enabledOnly) query = query.where('enabled', '=', true);
  return query.execute();
}
