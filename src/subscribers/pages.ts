// The subscription pages' bodies (forms with CSRF tokens, checkboxes for topics, radios for the language).
import type { TopicConfig } from '../config/schema.js';
import { translate } from '../digest/i18n.js';
import { renderErrors, renderPage } from '../digest/page-layout.js';
import { escapeHtml, renderTemplate } from '../digest/template.js';
import { LOCALES, type Locale } from './types.js';

export interface SubscribeFormView {
  locale: Locale;
  csrf: string;
  topics: readonly TopicConfig[];
  values: { email: string; topics: readonly string[]; emailLocale: Locale };
  errors: readonly string[];
}

/** The /subscribe page. */
export function renderSubscribePage(view: SubscribeFormView): string {
  const t = (key: string) => translate(view.locale, key);
  const body = renderTemplate('pages/subscribe.html', {
    intro: t('subscribe.intro'),
    lang: view.locale,
    errors: renderErrors(view.locale, view.errors),
    csrf: view.csrf,
    emailLabel: t('subscribe.email'),
    email: view.values.email,
    topicsLabel: t('subscribe.topics'),
    topicOptions: renderTopicOptions(view.locale, view.topics, view.values.topics),
    localeLabel: t('subscribe.locale'),
    localeOptions: renderLocaleOptions(view.values.emailLocale),
    submit: t('subscribe.submit'),
  });
  return renderPage({ locale: view.locale, path: '/subscribe', title: t('subscribe.title'), body });
}

export interface PreferencesView {
  locale: Locale;
  csrf: string;
  token: string;
  email: string;
  topics: readonly TopicConfig[];
  chosen: readonly string[];
  emailLocale: Locale;
  /** i18n keys: errors, or `preferences.saved`. */
  errors: readonly string[];
  saved: boolean;
  unsubscribeUrl: string;
  /** This page's path with its token, for the language switch. */
  path: string;
}

/** The /preferences page. */
export function renderPreferencesPage(view: PreferencesView): string {
  const t = (key: string) => translate(view.locale, key);
  const status = view.saved ? `<p class="notice" role="status">${escapeHtml(t('preferences.saved'))}</p>` : renderErrors(view.locale, view.errors);
  const body = renderTemplate('pages/preferences.html', {
    intro: translate(view.locale, 'preferences.intro', { email: view.email }),
    status,
    csrf: view.csrf,
    token: view.token,
    topicsLabel: t('subscribe.topics'),
    topicOptions: renderTopicOptions(view.locale, view.topics, view.chosen),
    localeLabel: t('subscribe.locale'),
    localeOptions: renderLocaleOptions(view.emailLocale),
    submit: t('preferences.save'),
    unsubscribeUrl: view.unsubscribeUrl,
    unsubscribeLabel: t('unsubscribe.title'),
  });
  return renderPage({ locale: view.locale, path: view.path, title: t('preferences.title'), body });
}

/** A page with one explanatory line and a single POST button (confirm, unsubscribe). */
export function renderActionPage(input: { locale: Locale; path: string; titleKey: string; prompt: string; action: string; token: string; buttonKey: string }): string {
  const body = renderTemplate('pages/action.html', {
    prompt: input.prompt,
    action: input.action,
    token: input.token,
    button: translate(input.locale, input.buttonKey),
  });
  return renderPage({ locale: input.locale, path: input.path, title: translate(input.locale, input.titleKey), body });
}

function renderTopicOptions(locale: Locale, topics: readonly TopicConfig[], chosen: readonly string[]): string {
  return topics
    .map((topic) => {
      const checked = chosen.includes(topic.key) ? ' checked' : '';
      const key = escapeHtml(topic.key);
      return `<label><input type="checkbox" name="topics" value="${key}"${checked}> ${escapeHtml(topic.name[locale])}</label>`;
    })
    .join('\n');
}

function renderLocaleOptions(selected: Locale): string {
  const names: Record<Locale, string> = { vi: 'Tiếng Việt', en: 'English' };
  return LOCALES.map((code) => {
    const checked = code === selected ? ' checked' : '';
    return `<label><input type="radio" name="locale" value="${code}"${checked}> ${names[code]}</label>`;
  }).join('\n');
}
