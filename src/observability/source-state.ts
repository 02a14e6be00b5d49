// How a source's health reads to a person: one state word and relative times, in vi or en. Pure.
import type { SourceHealth } from '../db/source-health.repo.js';

export type Locale = 'vi' | 'en';
export type SourceState = 'ok' | 'failing' | 'stale' | 'disabled';

/** The one word that sums up a source: disabled beats failing, failing beats stale. */
export function describeSourceState(health: SourceHealth): SourceState {
  if (!health.enabled) return 'disabled';
  if (health.errorStreak > 0) return 'failing';
  if (health.stale) return 'stale';
  return 'ok';
}

const UNITS: { ms: number; en: string; vi: string }[] = [
  { ms: 86_400_000, en: 'd', vi: 'ngày' },
  { ms: 3_600_000, en: 'h', vi: 'giờ' },
  { ms: 60_000, en: 'min', vi: 'phút' },
  { ms: 1000, en: 's', vi: 'giây' },
];

/** "3 h ago" / "in 12 min" (en), "3 giờ trước" / "12 phút nữa" (vi); "—" for no date. */
export function formatRelativeTime(date: Date | null, now: Date, locale: Locale): string {
  if (date === null) return '—';
  const diff = date.getTime() - now.getTime();
  const size = Math.abs(diff);
  if (size < 1000) return locale === 'vi' ? 'bây giờ' : 'now';
  const unit = UNITS.find((u) => size >= u.ms) ?? UNITS[UNITS.length - 1]!;
  const amount = `${Math.floor(size / unit.ms)} ${unit[locale]}`;
  if (locale === 'vi') return diff < 0 ? `${amount} trước` : `${amount} nữa`;
  return diff < 0 ? `${amount} ago` : `in ${amount}`;
}

/** A whole number of days, for "stale after 7 d". */
export function formatDays(ms: number, locale: Locale): string {
  const days = Math.round((ms / 86_400_000) * 10) / 10;
  return locale === 'vi' ? `${days} ngày` : `${days} d`;
}
