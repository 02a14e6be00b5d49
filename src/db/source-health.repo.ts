// Each source's health in one query: last success and error, error streak, recent items, next check, staleness.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** How far back "recent items" reaches. */
export const RECENT_ITEMS_WINDOW_MS = 7 * 86_400_000;
/** A source with no new item for this long is stale, unless its config says otherwise (`staleAfter`). */
export const DEFAULT_STALE_AFTER_MS = 7 * 86_400_000;

export interface SourceHealth {
  key: string;
  name: string;
  url: string;
  enabled: boolean;
  disabledReason: string | null;
  lastSuccessAt: Date | null;
  lastNewItemAt: Date | null;
  lastErrorAt: Date | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  errorStreak: number;
  /** Items published in the last 7 days. */
  recentItems: number;
  nextCheckAt: Date;
  /** Where polling moved after permanent redirects, or another thing for the admin to act on. */
  notice: string | null;
  staleAfterMs: number;
  /** Enabled, and no new item for longer than `staleAfterMs` (counted from creation when it never had one). */
  stale: boolean;
}

interface HealthRow {
  key: string;
  name: string;
  fetch_url: string;
  enabled: boolean;
  disabled_reason: string | null;
  last_success_at: Date | null;
  last_new_item_at: Date | null;
  last_error_at: Date | null;
  last_error_code: string | null;
  last_error_message: string | null;
  error_streak: number;
  recent_items: number;
  next_check_at: Date;
  notice: string | null;
  settings: Record<string, unknown>;
  created_at: Date;
}

/** Lists every source's health, ordered by key, as of `now`. */
export async function listSourceHealth(db: Kysely<Database>, now: Date): Promise<SourceHealth[]> {
  const since = new Date(now.getTime() - RECENT_ITEMS_WINDOW_MS);
  const { rows } = await sql<HealthRow>`
    select s.key, s.name, s.fetch_url, s.enabled, s.disabled_reason, s.last_success_at, s.last_new_item_at,
           s.last_error_at, s.last_error_code, s.last_error_message, s.error_streak, s.next_check_at, s.notice,
           s.settings, s.created_at, coalesce(recent.n, 0)::int as recent_items
    from sources s
    left join (
      select source_id, count(*)::int as n from items where published_at >= ${since} group by source_id
    ) recent on recent.source_id = s.id
    order by s.key`.execute(db);
  return rows.map((row) => toSourceHealth(row, now));
}

/** Maps a health row to the domain value, deciding staleness as of `now`. */
function toSourceHealth(row: HealthRow, now: Date): SourceHealth {
  const staleAfterMs = readStaleAfterMs(row.settings);
  const lastNewItemAt = toDateOrNull(row.last_new_item_at);
  const since = lastNewItemAt ?? new Date(row.created_at);
  return {
    key: row.key,
    name: row.name,
    url: row.fetch_url,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    lastSuccessAt: toDateOrNull(row.last_success_at),
    lastNewItemAt,
    lastErrorAt: toDateOrNull(row.last_error_at),
    lastErrorCode: row.last_error_code,
    lastErrorMessage: row.last_error_message,
    errorStreak: row.error_streak,
    recentItems: row.recent_items,
    nextCheckAt: new Date(row.next_check_at),
    notice: row.notice,
    staleAfterMs,
    stale: row.enabled && now.getTime() - since.getTime() > staleAfterMs,
  };
}

// settings holds the parsed config entry, where staleAfter is already milliseconds.
function readStaleAfterMs(settings: Record<string, unknown> | null): number {
  const value = settings?.staleAfter;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_STALE_AFTER_MS;
}

function toDateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}
