// /subscribe, /confirm, /preferences, /unsubscribe: server-rendered pages in vi and en that work without
// JavaScript. Tokens travel in query strings, so pages send no Referer and are never cached.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { translate } from '../digest/i18n.js';
import { renderMessagePage } from '../digest/page-layout.js';
import { createMailTransport } from '../mail/create-transport.js';
import type { MailTransport } from '../mail/types.js';
import { CSRF_COOKIE, createCsrfCookieValue, isCsrfCookieValue, isValidCsrfToken, signCsrfToken } from '../subscribers/csrf.js';
import { buildManageLinks } from '../subscribers/links.js';
import { sendNotice } from '../subscribers/notices.js';
import { renderActionPage, renderPreferencesPage, renderSubscribePage } from '../subscribers/pages.js';
import { createClientRateLimiter, type RateLimitOptions } from '../subscribers/rate-limit.js';
import {
  confirmSubscription,
  inspectConfirmToken,
  requestSubscription,
  resolveManageToken,
  savePreferences,
  unsubscribe,
  validateSubscription,
  type SubscriptionDeps,
} from '../subscribers/subscription-service.js';
import { isLocale, type Locale, type Subscriber } from '../subscribers/types.js';
import { guardPage, pickLocale, readForm, sendPage } from '../subscribers/page-response.js';
import type { HttpDeps } from './server.js';

export interface SubscriptionRouteDeps extends HttpDeps {
  /** Where confirmation emails go; built from SMTP_URL / the outbox when absent. */
  mailTransport?: MailTransport;
  /** POST /subscribe per client: 5 at once, then one every two minutes by default. */
  subscribeRateLimit?: RateLimitOptions;
}

interface RouteContext {
  deps: SubscriptionRouteDeps;
  service: SubscriptionDeps;
  transport: MailTransport;
}

/** Registers the subscription pages on the app. */
export function registerSubscriptionRoutes(app: Hono, deps: SubscriptionRouteDeps): void {
  const now = deps.now ?? (() => new Date());
  const ctx: RouteContext = {
    deps,
    service: { db: deps.db, topics: deps.config.topics, publicUrl: deps.settings.publicUrl, secret: deps.settings.secret, now },
    transport: deps.mailTransport ?? createMailTransport(deps.settings),
  };
  const limiter = createClientRateLimiter(deps.subscribeRateLimit ?? { capacity: 5, refillPerMinute: 0.5 });
  app.get('/subscribe', guardPage((c) => showSubscribeForm(c, ctx, [], null, 200)));
  app.post('/subscribe', guardPage(async (c) => {
    if (!limiter.tryTake(readClientAddress(c), now().getTime())) {
      c.header('Retry-After', '120');
      return sendPage(c, renderMessagePage({ locale: pickLocale(c), path: '/subscribe', titleKey: 'error.rate.title', bodyKey: 'error.rate.body', tone: 'errors' }), 429);
    }
    return handleSubscribe(c, ctx);
  }));
  app.get('/confirm', guardPage((c) => showConfirm(c, ctx)));
  app.post('/confirm', guardPage((c) => handleConfirm(c, ctx)));
  app.get('/preferences', guardPage((c) => showPreferences(c, ctx)));
  app.post('/preferences', guardPage((c) => handlePreferences(c, ctx)));
  app.get('/unsubscribe', guardPage((c) => showUnsubscribe(c, ctx)));
  // RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` with no cookie; the token is the proof.
  app.post('/unsubscribe', guardPage((c) => handleUnsubscribe(c, ctx)));
}

async function showSubscribeForm(c: Context, ctx: RouteContext, errors: string[], values: { email: string; topics: string[]; emailLocale: Locale } | null, status: 200 | 400) {
  const locale = pickLocale(c);
  const view = { locale, csrf: issueCsrf(c, ctx), topics: ctx.deps.config.topics, errors, values: values ?? { email: '', topics: [], emailLocale: locale } };
  return sendPage(c, renderSubscribePage(view), status);
}

async function handleSubscribe(c: Context, ctx: RouteContext) {
  const locale = pickLocale(c);
  const form = await readForm(c);
  if (!isValidCsrfToken(ctx.deps.settings.secret, getCookie(c, CSRF_COOKIE), form.csrf)) return sendCsrfFailure(c, locale, '/subscribe');
  const result = validateSubscription({ email: form.email, topics: form.topics, locale: form.locale ?? locale }, ctx.deps.config.topics);
  if (!result.ok) {
    const topics = [form.topics ?? []].flat().filter((t): t is string => typeof t === 'string');
    const email = typeof form.email === 'string' ? form.email.slice(0, 254) : '';
    return showSubscribeForm(c, ctx, result.errors, { email, topics, emailLocale: isLocale(form.locale) ? form.locale : locale }, 400);
  }
  const notice = await requestSubscription(ctx.service, result.value);
  if (notice) {
    // Not awaited: the answer must not take longer (or differ) depending on what the address is.
    sendNotice(ctx.transport, notice, ctx.deps.config.digest.fromAddress).catch((error: unknown) =>
      console.error(`mail: confirmation email could not be sent: ${(error as Error).message}`),
    );
  }
  return sendPage(c, renderMessagePage({ locale, path: '/subscribe', titleKey: 'subscribe.checkInbox.title', bodyKey: 'subscribe.checkInbox.body' }));
}

async function showConfirm(c: Context, ctx: RouteContext) {
  const locale = pickLocale(c);
  const token = c.req.query('token') ?? '';
  const state = await inspectConfirmToken(ctx.service, token);
  if (state !== 'pending') return sendConfirmOutcome(c, ctx, locale, state, null);
  const prompt = translate(locale, 'confirm.prompt');
  return sendPage(c, renderActionPage({ locale, path: '/confirm', titleKey: 'subscribe.title', prompt, action: `/confirm?lang=${locale}`, token, buttonKey: 'confirm.button' }));
}

async function handleConfirm(c: Context, ctx: RouteContext) {
  const form = await readForm(c);
  const { outcome, subscriber } = await confirmSubscription(ctx.service, form.token ?? c.req.query('token'));
  return sendConfirmOutcome(c, ctx, subscriber?.locale ?? pickLocale(c), outcome, subscriber);
}

function sendConfirmOutcome(c: Context, ctx: RouteContext, locale: Locale, outcome: string, subscriber: Subscriber | null) {
  const path = '/confirm';
  if (outcome === 'invalid') return sendTokenFailure(c, locale, path, 'invalid');
  if (outcome === 'expired') return sendTokenFailure(c, locale, path, 'expired');
  const link = subscriber
    ? { href: buildManageLinks(ctx.deps.settings.publicUrl, ctx.deps.settings.secret, subscriber).preferencesUrl, label: translate(locale, 'digest.preferences') }
    : undefined;
  const key = outcome === 'confirmed' ? 'confirm.done' : 'confirm.already';
  return sendPage(c, renderMessagePage({ locale, path, titleKey: `${key}.title`, bodyKey: `${key}.body`, link }));
}

async function showPreferences(c: Context, ctx: RouteContext, override?: { errors: string[]; saved: boolean; subscriber: Subscriber; token: string }) {
  const token = override?.token ?? c.req.query('token');
  const subscriber = override?.subscriber ?? (await resolveManageToken(ctx.service, token));
  if (!subscriber || !token) return sendTokenFailure(c, pickLocale(c), '/preferences', 'invalid');
  const locale = pickPageLocale(c, subscriber);
  if (subscriber.status !== 'confirmed') return sendInactive(c, locale, subscriber.status);
  const { unsubscribeUrl } = buildManageLinks(ctx.deps.settings.publicUrl, ctx.deps.settings.secret, subscriber);
  const view = {
    locale, csrf: issueCsrf(c, ctx), token, email: subscriber.email, topics: ctx.deps.config.topics, chosen: subscriber.topics,
    emailLocale: subscriber.locale, errors: override?.errors ?? [], saved: override?.saved ?? false, unsubscribeUrl,
    path: `/preferences?token=${encodeURIComponent(token)}`,
  };
  return sendPage(c, renderPreferencesPage(view), override && !override.saved ? 400 : 200);
}

async function handlePreferences(c: Context, ctx: RouteContext) {
  const form = await readForm(c);
  const subscriber = await resolveManageToken(ctx.service, form.token);
  if (!subscriber) return sendTokenFailure(c, pickLocale(c), '/preferences', 'invalid');
  if (!isValidCsrfToken(ctx.deps.settings.secret, getCookie(c, CSRF_COOKIE), form.csrf)) return sendCsrfFailure(c, subscriber.locale, '/preferences');
  if (subscriber.status !== 'confirmed') return sendInactive(c, subscriber.locale, subscriber.status);
  const token = form.token as string;
  const result = await savePreferences(ctx.service, subscriber, { topics: form.topics ?? [], locale: form.locale });
  if (!result.ok) return showPreferences(c, ctx, { errors: result.errors, saved: false, subscriber, token });
  return showPreferences(c, ctx, { errors: [], saved: true, subscriber: { ...subscriber, ...result.value }, token });
}

async function showUnsubscribe(c: Context, ctx: RouteContext) {
  const token = c.req.query('token') ?? '';
  const subscriber = await resolveManageToken(ctx.service, token);
  if (!subscriber) return sendTokenFailure(c, pickLocale(c), '/unsubscribe', 'invalid');
  const locale = pickPageLocale(c, subscriber);
  if (subscriber.status === 'unsubscribed') return sendUnsubscribed(c, locale);
  const prompt = translate(locale, 'unsubscribe.prompt', { email: subscriber.email });
  const action = `/unsubscribe?token=${encodeURIComponent(token)}`;
  return sendPage(c, renderActionPage({ locale, path: action, titleKey: 'unsubscribe.title', prompt, action, token, buttonKey: 'unsubscribe.button' }));
}

async function handleUnsubscribe(c: Context, ctx: RouteContext) {
  const form = await readForm(c);
  const subscriber = await resolveManageToken(ctx.service, c.req.query('token') ?? form.token);
  if (!subscriber) return sendTokenFailure(c, pickLocale(c), '/unsubscribe', 'invalid');
  await unsubscribe(ctx.service, subscriber);
  return sendUnsubscribed(c, subscriber.locale);
}

function sendUnsubscribed(c: Context, locale: Locale) {
  const link = { href: `/subscribe?lang=${locale}`, label: translate(locale, 'nav.subscribe') };
  return sendPage(c, renderMessagePage({ locale, path: '/unsubscribe', titleKey: 'unsubscribe.done.title', bodyKey: 'unsubscribe.done.body', link }));
}

function sendInactive(c: Context, locale: Locale, status: string) {
  const link = { href: `/subscribe?lang=${locale}`, label: translate(locale, 'nav.subscribe') };
  const bodyKey = status === 'pending' ? 'preferences.pending' : 'preferences.unsubscribed';
  return sendPage(c, renderMessagePage({ locale, path: '/preferences', titleKey: 'preferences.title', bodyKey, link }));
}

function sendTokenFailure(c: Context, locale: Locale, path: string, kind: 'invalid' | 'expired') {
  const link = { href: `/subscribe?lang=${locale}`, label: translate(locale, 'nav.subscribe') };
  const page = renderMessagePage({ locale, path, titleKey: `token.${kind}.title`, bodyKey: `token.${kind}.body`, tone: 'errors', link });
  return sendPage(c, page, kind === 'expired' ? 410 : 400);
}

function sendCsrfFailure(c: Context, locale: Locale, path: string) {
  const link = { href: `${path}?lang=${locale}`, label: translate(locale, 'nav.subscribe') };
  return sendPage(c, renderMessagePage({ locale, path, titleKey: 'error.csrf.title', bodyKey: 'error.csrf.body', tone: 'errors', link }), 403);
}

function issueCsrf(c: Context, ctx: RouteContext): string {
  let value = getCookie(c, CSRF_COOKIE);
  if (!isCsrfCookieValue(value)) {
    value = createCsrfCookieValue();
    const secure = ctx.deps.settings.publicUrl.startsWith('https:');
    setCookie(c, CSRF_COOKIE, value, { httpOnly: true, sameSite: 'Lax', path: '/', secure, maxAge: 86_400 });
  }
  return signCsrfToken(ctx.deps.settings.secret, value);
}

/** `?lang=` when given (the language switch), else the subscriber's own language. */
function pickPageLocale(c: Context, subscriber: Subscriber): Locale {
  const query = c.req.query('lang');
  return isLocale(query) ? query : subscriber.locale;
}

function readClientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket: all such requests share one bucket.
    return 'unknown';
  }
}
