// Strings for pages and emails, from templates/i18n/{vi,en}.json, and locale-aware dates.
import { DateTime } from 'luxon';
import type { Locale } from '../subscribers/types.js';
import { loadTemplate } from './template.js';

const dictionaries = new Map<Locale, Record<string, string>>();

/** The string for `key` in `locale`, with `{name}` placeholders filled; falls back to the key itself. */
export function translate(locale: Locale, key: string, vars: Record<string, string | number> = {}): string {
  const text = readDictionary(locale)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (vars[name] === undefined ? match : String(vars[name])));
}

/** A short date in the reader's language, in the given zone: `24/11/2026` or `24 Nov 2026`. */
export function formatDate(locale: Locale, date: Date, zone: string): string {
  const value = DateTime.fromJSDate(date, { zone });
  return locale === 'vi' ? value.toFormat('dd/MM/yyyy') : value.setLocale('en-GB').toFormat('d LLL yyyy');
}

/** A translator bound to one locale. */
export function createTranslator(locale: Locale): (key: string, vars?: Record<string, string | number>) => string {
  return (key, vars) => translate(locale, key, vars);
}

function readDictionary(locale: Locale): Record<string, string> {
  let dictionary = dictionaries.get(locale);
  if (!dictionary) {
    dictionary = JSON.parse(loadTemplate(`i18n/${locale}.json`)) as Record<string, string>;
    dictionaries.set(locale, dictionary);
  }
  return dictionary;
}
