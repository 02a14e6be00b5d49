// `bantin sources [--stale] [--json]`: each source's health as a table (or JSON lines).
import type { Kysely } from 'kysely';
import type { BantinConfig } from '../config/schema.js';
import { listSourceHealth, type SourceHealth } from '../db/source-health.repo.js';
import type { Database } from '../db/schema.js';
import { describeSourceState, formatRelativeTime } from '../observability/source-state.js';

export interface SourcesCommandDeps {
  db: Kysely<Database>;
  config: BantinConfig;
  write(line: string): void;
  now?: () => Date;
}

const HEADERS = ['KEY', 'STATE', 'LAST SUCCESS', 'LAST ERROR', 'STREAK', 'ITEMS 7D', 'NEXT CHECK'] as const;
const USAGE = 'usage: bantin sources [--stale] [--json]';

/** Prints each source's state; returns the exit code (2 for a bad argument). */
export async function runSourcesCommand(args: string[], deps: SourcesCommandDeps): Promise<number> {
  const unknown = args.filter((arg) => arg !== '--stale' && arg !== '--json');
  if (unknown.length > 0) {
    deps.write(`config: unknown argument ${unknown[0]} — ${USAGE}`);
    return 2;
  }
  const now = deps.now?.() ?? new Date();
  const all = await listSourceHealth(deps.db, now);
  const shown = args.includes('--stale') ? all.filter((h) => h.stale) : all;
  if (args.includes('--json')) {
    for (const health of shown) deps.write(JSON.stringify({ ...health, state: describeSourceState(health) }));
    return 0;
  }
  for (const line of formatHealthTable(shown, now)) deps.write(line);
  return 0;
}

/** The table lines: a header, one row per source, a summary, then each failing or disabled source's reason. */
export function formatHealthTable(health: SourceHealth[], now: Date): string[] {
  const rows = health.map((h) => [
    h.key,
    describeSourceState(h),
    formatRelativeTime(h.lastSuccessAt, now, 'en'),
    formatRelativeTime(h.lastErrorAt, now, 'en'),
    String(h.errorStreak),
    String(h.recentItems),
    h.enabled ? formatRelativeTime(h.nextCheckAt, now, 'en') : '—',
  ]);
  const widths = HEADERS.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i]!.length)));
  const render = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  const lines = [render(HEADERS), ...rows.map(render)];
  lines.push('', summarize(health));
  for (const h of health) {
    const reason = describeReason(h);
    if (reason) lines.push(`${h.key}: ${reason}`);
  }
  return lines;
}

function summarize(health: SourceHealth[]): string {
  const counts = { ok: 0, failing: 0, stale: 0, disabled: 0 };
  for (const h of health) counts[describeSourceState(h)] += 1;
  return `${health.length} sources: ${counts.ok} ok, ${counts.failing} failing, ${counts.stale} stale, ${counts.disabled} disabled`;
}

function describeReason(h: SourceHealth): string | null {
  const parts: string[] = [];
  if (!h.enabled) parts.push(`disabled (${h.disabledReason ?? 'no reason given'})`);
  if (h.errorStreak > 0 && h.lastErrorMessage) parts.push(h.lastErrorMessage);
  if (h.notice) parts.push(h.notice);
  return parts.length > 0 ? parts.join('; ') : null;
}
