// The HTML page shell shared by the subscription and archive pages: no scripts, no assets from other hosts.
import type { Locale } from '../subscribers/types.js';
import { translate } from './i18n.js';
import { escapeHtml, renderTemplate } from './template.js';

export interface PageInput {
  locale: Locale;
  title: string;
  /** Trusted markup, built from escaped parts. */
  body: string;
  /** Path (with query) of this page, used for the language switch. */
  path: string;
}

/** A complete HTML document. */
export function renderPage(input: PageInput): string {
  const other: Locale = input.locale === 'vi' ? 'en' : 'vi';
  return renderTemplate('pages/layout.html', {
    lang: input.locale,
    title: input.title,
    body: input.body,
    navSubscribe: translate(input.locale, 'nav.subscribe'),
    navArchive: translate(input.locale, 'nav.archive'),
    navOtherLanguage: translate(input.locale, 'nav.otherLanguage'),
    otherLang: other,
    otherLanguageUrl: withLanguage(input.path, other),
  });
}

/** A page with a title, one message and an optional link. */
export function renderMessagePage(input: { locale: Locale; path: string; titleKey: string; bodyKey: string; tone?: 'notice' | 'errors'; link?: { href: string; label: string }; vars?: Record<string, string> }): string {
  const body = renderTemplate('pages/message.html', {
    tone: input.tone ?? 'notice',
    body: translate(input.locale, input.bodyKey, input.vars),
    link: input.link ? `<p><a href="${escapeHtml(input.link.href)}">${escapeHtml(input.link.label)}</a></p>` : '',
  });
  return renderPage({ locale: input.locale, path: input.path, title: translate(input.locale, input.titleKey), body });
}

/** A `<ul class="errors">` of translated messages, or nothing. */
export function renderErrors(locale: Locale, keys: readonly string[]): string {
  if (keys.length === 0) return '';
  return `<ul class="errors" role="alert">${keys.map((k) => `<li>${escapeHtml(translate(locale, k))}</li>`).join('')}</ul>`;
}

/** The path with `lang` set to the locale (other query parameters kept). */
export function withLanguage(path: string, locale: Locale): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', locale);
  return `${url.pathname}${url.search}`;
}
