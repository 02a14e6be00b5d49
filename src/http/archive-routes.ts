// /archive and /archive/{week}: the web version of every edition, in vi and en.
import type { Hono } from 'hono';
import { renderArchiveIndex, renderArchiveWeek } from '../digest/archive-pages.js';
import { loadEdition } from '../digest/build-edition.js';
import { renderMessagePage } from '../digest/page-layout.js';
import { isWeekLabel } from '../digest/week.js';
import { listEditions } from '../db/editions.repo.js';
import { guardPage, pickLocale, sendPage } from '../subscribers/page-response.js';
import type { HttpDeps } from './server.js';

/** Registers the archive pages on the app. */
export function registerArchiveRoutes(app: Hono, deps: HttpDeps): void {
  app.get('/archive', guardPage(async (c) => sendPage(c, renderArchiveIndex(pickLocale(c), await listEditions(deps.db)))));
  app.get('/archive/:week', guardPage(async (c) => {
    const locale = pickLocale(c);
    const week = c.req.param('week');
    const content = isWeekLabel(week) ? await loadEdition(deps.db, week) : null;
    if (!content) {
      return sendPage(c, renderMessagePage({ locale, path: '/archive', titleKey: 'error.notFound.title', bodyKey: 'error.notFound.body', tone: 'errors' }), 404);
    }
    return sendPage(c, renderArchiveWeek(locale, content, deps.config.topics));
  }));
}
