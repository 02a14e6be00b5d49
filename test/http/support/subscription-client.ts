// A tiny cookie-keeping HTTP client for the subscription pages, and link helpers for captured mail.
import type { CapturedMail } from '../../mail/support/smtp-sink.js';

export interface PageResponse {
  status: number;
  body: string;
  headers: Headers;
}

export interface PageClient {
  get(path: string): Promise<PageResponse>;
  post(path: string, form: Record<string, string | string[]>, options?: { cookies?: boolean }): Promise<PageResponse>;
  /** The CSRF field of the last page that had a form. */
  csrf(): string;
}

/** A client bound to a base URL that keeps the cookies it is given. */
export function createPageClient(base: string, headers: Record<string, string> = {}): PageClient {
  const cookies = new Map<string, string>();
  let lastCsrf = '';
  const remember = async (response: Response): Promise<PageResponse> => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      cookies.set(name!.trim(), value ?? '');
    }
    const body = await response.text();
    lastCsrf = /name="csrf" value="([^"]+)"/.exec(body)?.[1] ?? lastCsrf;
    return { status: response.status, body, headers: response.headers };
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    get: async (path) => remember(await fetch(`${base}${path}`, { headers: { ...headers, cookie: cookieHeader() }, redirect: 'manual' })),
    post: async (path, form, options = {}) => {
      const body = new URLSearchParams();
      for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
      const cookie: Record<string, string> = options.cookies === false ? {} : { cookie: cookieHeader() };
      return remember(await fetch(`${base}${path}`, { method: 'POST', body, headers: { ...headers, ...cookie }, redirect: 'manual' }));
    },
    csrf: () => lastCsrf,
  };
}

/** The first link to `path` in a mail's text part, re-based onto the test server. */
export function readMailLink(mail: CapturedMail, path: string, base: string): string {
  const match = new RegExp(`https://bantin\\.test(${path.replace('?', '\\?')}[^\\s"<>]*)`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in mail:\n${mail.text}`);
  return `${base}${match[1]}`;
}

/** The https target of a List-Unsubscribe header, re-based onto the test server. */
export function readUnsubscribeHeader(mail: CapturedMail, base: string): string {
  const match = /<https:\/\/bantin\.test([^>]+)>/.exec(mail.headers.get('list-unsubscribe') ?? '');
  if (!match) throw new Error('no https List-Unsubscribe');
  return `${base}${match[1]}`;
}
