// The web version of the digest: /archive (every edition) and /archive/{week} (every topic with stories).
import type { TopicConfig } from '../config/schema.js';
import type { Locale } from '../subscribers/types.js';
import { formatDate, translate } from './i18n.js';
import { renderPage } from './page-layout.js';
import { escapeHtml, isSafeHttpUrl, renderTemplate } from './template.js';
import type { Edition, EditionContent, EditionStory } from './types.js';

/** The /archive page. */
export function renderArchiveIndex(locale: Locale, editions: readonly Edition[]): string {
  const items = editions.length === 0
    ? `<p>${escapeHtml(translate(locale, 'archive.empty'))}</p>`
    : `<ul>${editions.map((e) => `<li><a href="/archive/${escapeHtml(e.week)}?lang=${locale}">${escapeHtml(translate(locale, 'archive.week', { week: e.week }))}</a> — ${escapeHtml(formatRange(locale, e))}</li>`).join('\n')}</ul>`;
  const body = renderTemplate('pages/archive-index.html', { items });
  return renderPage({ locale, path: '/archive', title: translate(locale, 'archive.title'), body });
}

/** The /archive/{week} page. */
export function renderArchiveWeek(locale: Locale, content: EditionContent, topics: readonly TopicConfig[]): string {
  const sections = topics
    .map((topic) => ({ topic, stories: content.stories.filter((s) => s.topicKey === topic.key) }))
    .filter((section) => section.stories.length > 0)
    .map((section) => `<section><h2>${escapeHtml(section.topic.name[locale])}</h2>\n${section.stories.map((s) => renderStory(locale, s)).join('\n')}</section>`)
    .join('\n');
  const body = renderTemplate('pages/archive-week.html', {
    dates: formatRange(locale, content.edition),
    sections: sections || `<p>${escapeHtml(translate(locale, 'archive.noStories'))}</p>`,
  });
  const path = `/archive/${content.edition.week}`;
  return renderPage({ locale, path, title: translate(locale, 'archive.week', { week: content.edition.week }), body });
}

function renderStory(locale: Locale, story: EditionStory): string {
  const badge = story.isUpdate ? `<span class="badge">[${escapeHtml(translate(locale, 'story.updated'))}]</span> ` : '';
  const title = isSafeHttpUrl(story.url) ? `<a href="${escapeHtml(story.url)}">${escapeHtml(story.title)}</a>` : escapeHtml(story.title);
  const outlets = escapeHtml(translate(locale, 'story.outlets', { outlets: story.outlets.map((o) => o.name).join(', ') }));
  return `<article class="story"><h3>${badge}${title}</h3><p class="outlets">${outlets}</p><p>${escapeHtml(story.summary)}</p></article>`;
}

function formatRange(locale: Locale, edition: Edition): string {
  const last = new Date(edition.to.getTime() - 1);
  return translate(locale, 'archive.dates', { from: formatDate(locale, edition.from, edition.timezone), to: formatDate(locale, last, edition.timezone) });
}
