// Small pieces every page route uses: the reader's language, the form body, safe response headers, and a guard
// that turns any failure into a localized error page (never a stack trace).
import type { Context } from 'hono';
import { renderMessagePage } from '../digest/page-layout.js';
import { isLocale, type Locale } from './types.js';

type PageStatus = 200 | 400 | 403 | 404 | 410 | 429 | 500;

/** `?lang=` when valid, else the first of vi/en in Accept-Language, else vi. */
export function pickLocale(c: Context): Locale {
  const query = c.req.query('lang');
  if (isLocale(query)) return query;
  const accepted = (c.req.header('accept-language') ?? '').toLowerCase();
  const vi = accepted.search(/\bvi\b/);
  const en = accepted.search(/\ben\b/);
  return en >= 0 && (vi < 0 || en < vi) ? 'en' : 'vi';
}

/** The urlencoded or multipart body; repeated fields become arrays. Unreadable bodies read as empty. */
export async function readForm(c: Context): Promise<Record<string, string | string[] | undefined>> {
  try {
    const body = await c.req.parseBody({ all: true });
    const form: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(body)) {
      const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
      if (values.length > 0) form[key] = key === 'topics' ? values : values[0]!;
    }
    return form;
  } catch {
    return {};
  }
}

/** Sends a page with headers fit for pages whose URLs carry tokens. */
export function sendPage(c: Context, html: string, status: PageStatus = 200): Response {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  return c.html(html, status);
}

/** Wraps a page handler so that an unexpected failure gets a clear page and a line on stderr. */
export function guardPage(handler: (c: Context) => Response | Promise<Response>): (c: Context) => Promise<Response> {
  return async (c) => {
    try {
      return await handler(c);
    } catch (error) {
      console.error(`http: ${c.req.method} ${c.req.path} failed: ${(error as Error).message}`);
      const locale = pickLocale(c);
      return sendPage(c, renderMessagePage({ locale, path: c.req.path, titleKey: 'error.server.title', bodyKey: 'error.server.body', tone: 'errors' }), 500);
    }
  };
}
