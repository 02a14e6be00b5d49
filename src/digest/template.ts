// A deliberately tiny template language for the files in templates/: `{{name}}` is HTML-escaped, `{{{name}}}`
// is inserted as is (only for markup the code built and escaped itself). Files are read once and cached.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BantinError } from '../errors.js';

const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
const cache = new Map<string, string>();

/** The text of templates/<name>, read once per process. */
export function loadTemplate(name: string): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  if (!/^[a-z0-9/-]+\.(html|mjml|json|txt)$/.test(name)) throw new BantinError('digest', 'bad-template', `bad template name ${name}`);
  const text = readFileSync(`${TEMPLATES_DIR}${name}`, 'utf8').normalize('NFC');
  cache.set(name, text);
  return text;
}

/** Replaces `{{key}}` (escaped) and `{{{key}}}` (raw) with values; a missing key is a programming error. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\{?)\s*([\w.-]+)\s*\}?\}\}/g, (_match, raw: string, key: string) => {
    const value = values[key];
    if (value === undefined) throw new BantinError('digest', 'template-key', `template value ${key} is missing`);
    return raw ? String(value) : escapeHtml(String(value));
  });
}

/** Renders templates/<name> with values. */
export function renderTemplate(name: string, values: Record<string, string | number>): string {
  return fillTemplate(loadTemplate(name), values);
}

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** True for an absolute http(s) URL: the only kind a page or email links to from source data. */
export function isSafeHttpUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
