// The /status page: every source's health as one self-contained HTML page (no external assets), vi or en. Pure.
import type { SourceHealth } from '../db/source-health.repo.js';
import { describeSourceState, formatDays, formatRelativeTime, type Locale, type SourceState } from '../observability/source-state.js';

const TEXT = {
  vi: {
    title: 'Tình trạng nguồn tin',
    summary: (n: number, bad: number) => `${n} nguồn, ${bad} cần chú ý`,
    headers: ['Nguồn', 'Trạng thái', 'Thành công gần nhất', 'Lỗi gần nhất', 'Lỗi liên tiếp', 'Tin 7 ngày', 'Lần kiểm tra tới'],
    states: { ok: 'Bình thường', failing: 'Đang lỗi', stale: 'Không có tin mới', disabled: 'Đã tắt' } satisfies Record<SourceState, string>,
    staleFor: (d: string) => `không có tin mới quá ${d}`,
    generated: 'Cập nhật lúc',
    other: 'English',
    empty: 'Chưa có nguồn nào.',
  },
  en: {
    title: 'Source status',
    summary: (n: number, bad: number) => `${n} sources, ${bad} need attention`,
    headers: ['Source', 'State', 'Last success', 'Last error', 'Error streak', 'Items (7 days)', 'Next check'],
    states: { ok: 'OK', failing: 'Failing', stale: 'Stale', disabled: 'Disabled' } satisfies Record<SourceState, string>,
    staleFor: (d: string) => `no new item for over ${d}`,
    generated: 'Generated at',
    other: 'Tiếng Việt',
    empty: 'No sources yet.',
  },
} as const;

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d1d1f}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
th{font-size:.85rem;color:#555}.state{font-weight:600;white-space:nowrap}.ok{color:#1a7f37}.failing{color:#b42318}
.stale{color:#a15c00}.disabled{color:#666}.detail{font-size:.85rem;color:#555;word-break:break-word}
nav{float:right}small{color:#666}`;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Renders the status page for `health` as of `now`, dates shown in `timezone`. */
export function renderStatusPage(health: SourceHealth[], options: { locale: Locale; now: Date; timezone: string }): string {
  const { locale, now, timezone } = options;
  const t = TEXT[locale];
  const attention = health.filter((h) => describeSourceState(h) !== 'ok').length;
  const other: Locale = locale === 'vi' ? 'en' : 'vi';
  const rows = health.map((h) => renderRow(h, locale, now)).join('\n');
  const stamp = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: timezone }).format(now);
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(t.title)} · bantin</title><style>${STYLE}</style></head>
<body>
<nav><a href="?lang=${other}" hreflang="${other}">${escapeHtml(t.other)}</a></nav>
<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.summary(health.length, attention))}</p>
${health.length === 0 ? `<p>${escapeHtml(t.empty)}</p>` : renderTable(t.headers, rows)}
<p><small>${escapeHtml(t.generated)} ${escapeHtml(stamp)} (${escapeHtml(timezone)})</small></p>
</body>
</html>
`;
}

function renderTable(headers: readonly string[], rows: string): string {
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

function renderRow(h: SourceHealth, locale: Locale, now: Date): string {
  const t = TEXT[locale];
  const state = describeSourceState(h);
  const when = (date: Date | null) => escapeHtml(formatRelativeTime(date, now, locale));
  const details = collectDetails(h, locale).map((d) => `<div class="detail">${escapeHtml(d)}</div>`).join('');
  return [
    `<tr id="source-${escapeHtml(h.key)}" data-state="${state}">`,
    `<td><strong>${escapeHtml(h.name)}</strong><div class="detail">${escapeHtml(h.key)} · ${escapeHtml(h.url)}</div>${details}</td>`,
    `<td class="state ${state}">${escapeHtml(t.states[state])}</td>`,
    `<td>${when(h.lastSuccessAt)}</td><td>${when(h.lastErrorAt)}</td>`,
    `<td>${h.errorStreak}</td><td>${h.recentItems}</td>`,
    `<td>${h.enabled ? when(h.nextCheckAt) : '—'}</td>`,
    '</tr>',
  ].join('');
}

function collectDetails(h: SourceHealth, locale: Locale): string[] {
  const details: string[] = [];
  if (!h.enabled && h.disabledReason) details.push(h.disabledReason);
  if (h.errorStreak > 0 && h.lastErrorMessage) details.push(h.lastErrorMessage);
  if (h.stale) details.push(TEXT[locale].staleFor(formatDays(h.staleAfterMs, locale)));
  if (h.notice) details.push(h.notice);
  return details;
}
