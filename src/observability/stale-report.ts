// The daily email to the admin about sources with no new item for longer than their staleAfter.
import type { Kysely } from 'kysely';
import { listSourceHealth, type SourceHealth } from '../db/source-health.repo.js';
import type { Database } from '../db/schema.js';
import { escapeHtml } from '../http/status-page.js';
import type { OutgoingMessage } from '../mail/types.js';
import { formatDays, formatRelativeTime, type Locale } from './source-state.js';

export interface StaleReport {
  subject: string;
  text: string;
  html: string;
  staleKeys: string[];
}

const TEXT = {
  vi: {
    subject: (n: number) => `bantin: ${n} nguồn không có tin mới`,
    intro: 'Các nguồn sau không có tin mới lâu hơn ngưỡng đã cấu hình:',
    line: (h: SourceHealth, last: string, limit: string) => `${h.name} (${h.key}): tin mới gần nhất ${last}, ngưỡng ${limit}`,
    error: 'lỗi gần nhất',
    status: 'Xem trang tình trạng:',
  },
  en: {
    subject: (n: number) => `bantin: ${n} stale source${n === 1 ? '' : 's'}`,
    intro: 'These sources have had no new item for longer than their configured limit:',
    line: (h: SourceHealth, last: string, limit: string) => `${h.name} (${h.key}): last new item ${last}, limit ${limit}`,
    error: 'last error',
    status: 'See the status page:',
  },
} as const;

/** The report for the stale sources in `health`, or null when none is stale. */
export function buildStaleReport(health: SourceHealth[], locale: Locale, options: { now: Date; statusUrl: string }): StaleReport | null {
  const stale = health.filter((h) => h.stale);
  if (stale.length === 0) return null;
  const t = TEXT[locale];
  const lines = stale.map((h) => {
    const base = t.line(h, formatRelativeTime(h.lastNewItemAt, options.now, locale), formatDays(h.staleAfterMs, locale));
    return h.errorStreak > 0 && h.lastErrorMessage ? `${base}; ${t.error}: ${h.lastErrorMessage}` : base;
  });
  const text = [t.intro, '', ...lines.map((l) => `- ${l}`), '', `${t.status} ${options.statusUrl}`, ''].join('\n');
  const items = lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n');
  const link = `<a href="${escapeHtml(options.statusUrl)}">${escapeHtml(options.statusUrl)}</a>`;
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"></head><body>
<p>${escapeHtml(t.intro)}</p>
<ul>
${items}
</ul>
<p>${escapeHtml(t.status)} ${link}</p>
</body></html>
`;
  return { subject: t.subject(stale.length), text, html, staleKeys: stale.map((h) => h.key) };
}

export interface StaleReportJobDeps {
  db: Kysely<Database>;
  /** ADMIN_EMAIL; no email is sent when it is unset. */
  adminEmail: string | null;
  fromAddress: string;
  publicUrl: string;
  locale: Locale;
  now: Date;
  send(message: OutgoingMessage): Promise<unknown>;
}

/**
 * Emails the admin the day's stale sources. Run it through runOncePerPeriod with a day key so that several
 * instances send one email a day; the Message-ID is derived from the day so a retried send is recognisable.
 */
export async function runStaleReportJob(deps: StaleReportJobDeps): Promise<{ sent: boolean; stale: number }> {
  if (!deps.adminEmail) return { sent: false, stale: 0 };
  const health = await listSourceHealth(deps.db, deps.now);
  const report = buildStaleReport(health, deps.locale, { now: deps.now, statusUrl: `${deps.publicUrl}/status?lang=${deps.locale}` });
  if (!report) return { sent: false, stale: 0 };
  const day = deps.now.toISOString().slice(0, 10);
  await deps.send({
    from: deps.fromAddress,
    to: deps.adminEmail,
    subject: report.subject,
    text: report.text,
    html: report.html,
    messageId: `<bantin.stale-report.${day}@${readHost(deps.publicUrl)}>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
  return { sent: true, stale: report.staleKeys.length };
}

function readHost(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}
