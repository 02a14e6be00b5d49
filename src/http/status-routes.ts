// GET /status: the source health page, in the language asked for by ?lang= or Accept-Language (default vi).
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { listSourceHealth } from '../db/source-health.repo.js';
import type { Database } from '../db/schema.js';
import type { Locale } from '../observability/source-state.js';
import { renderStatusPage } from './status-page.js';

/** Picks vi or en: an explicit ?lang= wins, then the first of vi/en in Accept-Language (by q), then vi. */
export function pickLocale(langParam: string | undefined, acceptLanguage: string | undefined): Locale {
  if (langParam === 'vi' || langParam === 'en') return langParam;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { lang: tag.split('-')[0], q: q ? Number(q[1]) : 1, index };
    })
    .filter((entry) => (entry.lang === 'vi' || entry.lang === 'en') && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked[0]?.lang as Locale | undefined) ?? 'vi';
}

export interface StatusRouteDeps {
  db: Kysely<Database>;
  /** Dates on the page are shown in the config's timezone. */
  config: { timezone: string };
  now?: () => Date;
}

/** Registers GET /status. */
export function registerStatusRoutes(app: Hono, deps: StatusRouteDeps): void {
  app.get('/status', async (c) => {
    const now = deps.now?.() ?? new Date();
    const locale = pickLocale(c.req.query('lang'), c.req.header('accept-language'));
    const health = await listSourceHealth(deps.db, now);
    const html = renderStatusPage(health, { locale, now, timezone: deps.config.timezone });
    return c.html(html, 200, { 'cache-control': 'no-store', vary: 'Accept-Language', 'content-language': locale });
  });
}
