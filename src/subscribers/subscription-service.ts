// Subscribing, confirming, changing preferences and unsubscribing. The answers never reveal whether an address
// is known: every valid request gets the same page, and what differs (confirm vs. "already subscribed") goes
// only to the mailbox itself.
import type { Kysely } from 'kysely';
import type { TopicConfig } from '../config/schema.js';
import type { Database } from '../db/schema.js';
import {
  confirmSubscriber,
  findSubscriberByConfirmHash,
  findSubscriberByEmail,
  findSubscriberById,
  insertPendingSubscriber,
  resetPendingSubscriber,
  touchConfirmSentAt,
  unsubscribeSubscriber,
  updateSubscriberPreferences,
} from '../db/subscribers.repo.js';
import { normalizeAddress } from './address.js';
import { buildConfirmUrl, buildManageLinks } from './links.js';
import type { Notice } from './notices.js';
import { createConfirmToken, createManageNonce, hashToken, isValidManageToken, readManageTokenId } from './tokens.js';
import { isLocale, type Locale, type Subscriber } from './types.js';

export const CONFIRM_TTL_MS = 7 * 24 * 3_600_000;
/** One notice per address per this long, so the form cannot be used to flood someone's mailbox. */
export const NOTICE_THROTTLE_MS = 10 * 60_000;

export interface SubscriptionDeps {
  db: Kysely<Database>;
  topics: readonly TopicConfig[];
  publicUrl: string;
  secret: string;
  now: () => Date;
}

export interface SubscriptionChoice {
  email: string;
  topics: string[];
  locale: Locale;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export type ConfirmOutcome = 'confirmed' | 'already-confirmed' | 'expired' | 'invalid';

/** Checks a submitted subscribe form (pure); errors are i18n keys. */
export function validateSubscription(form: { email: unknown; topics: unknown; locale: unknown }, topics: readonly TopicConfig[]): Validated<SubscriptionChoice> {
  const errors: string[] = [];
  const address = normalizeAddress(form.email);
  if (!address.ok) errors.push(`error.email.${address.problem}`);
  const chosen = validateTopics(form.topics, topics);
  if (!chosen.ok) errors.push(...chosen.errors);
  if (!isLocale(form.locale)) errors.push('error.locale');
  if (errors.length > 0 || !address.ok || !chosen.ok || !isLocale(form.locale)) return { ok: false, errors };
  return { ok: true, value: { email: address.email, topics: chosen.value, locale: form.locale } };
}

/** Checks a topic list: at least one, each a configured topic; returned in config order without duplicates. */
export function validateTopics(input: unknown, topics: readonly TopicConfig[]): Validated<string[]> {
  const list = (Array.isArray(input) ? input : typeof input === 'string' ? [input] : []).filter((t): t is string => typeof t === 'string');
  if (list.length === 0) return { ok: false, errors: ['error.topics.empty'] };
  const known = new Set(topics.map((t) => t.key));
  if (list.some((key) => !known.has(key))) return { ok: false, errors: ['error.topics.unknown'] };
  return { ok: true, value: topics.map((t) => t.key).filter((key) => list.includes(key)) };
}

/** Records a subscription request; returns the notice to email, or null when one went out too recently. */
export async function requestSubscription(deps: SubscriptionDeps, choice: SubscriptionChoice): Promise<Notice | null> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findSubscriberByEmail(trx, choice.email, true);
    if (existing && existing.confirmSentAt && now.getTime() - existing.confirmSentAt.getTime() < NOTICE_THROTTLE_MS) return null;
    if (existing?.status === 'confirmed') {
      // Someone else may be typing this address: do not change anything, tell the owner how to manage it.
      await touchConfirmSentAt(trx, existing.id, now);
      const { preferencesUrl } = buildManageLinks(deps.publicUrl, deps.secret, existing);
      return { kind: 'already', email: existing.email, locale: existing.locale, actionUrl: preferencesUrl };
    }
    const { token, hash } = createConfirmToken();
    const pending = { locale: choice.locale, topics: choice.topics, confirmTokenHash: hash, confirmExpiresAt: new Date(now.getTime() + CONFIRM_TTL_MS), now };
    if (existing) {
      await resetPendingSubscriber(trx, existing.id, pending);
    } else if (!(await insertPendingSubscriber(trx, { ...pending, email: choice.email, manageNonce: createManageNonce() }))) {
      return null;
    }
    return { kind: 'confirm', email: choice.email, locale: choice.locale, actionUrl: buildConfirmUrl(deps.publicUrl, token) };
  });
}

/** What a confirmation link would do, without doing it (GET shows a button; mail scanners follow links). */
export async function inspectConfirmToken(deps: SubscriptionDeps, token: unknown): Promise<ConfirmOutcome | 'pending'> {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return 'invalid';
  const subscriber = await findSubscriberByConfirmHash(deps.db, hashToken(token));
  if (!subscriber || subscriber.status === 'unsubscribed') return 'invalid';
  if (subscriber.status === 'confirmed') return 'already-confirmed';
  const isExpired = !subscriber.confirmExpiresAt || subscriber.confirmExpiresAt.getTime() <= deps.now().getTime();
  return isExpired ? 'expired' : 'pending';
}

/** Confirms the address a confirmation token belongs to. */
export async function confirmSubscription(deps: SubscriptionDeps, token: unknown): Promise<{ outcome: ConfirmOutcome; subscriber: Subscriber | null }> {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { outcome: 'invalid', subscriber: null };
  const subscriber = await findSubscriberByConfirmHash(deps.db, hashToken(token));
  if (!subscriber) return { outcome: 'invalid', subscriber: null };
  if (subscriber.status === 'confirmed') return { outcome: 'already-confirmed', subscriber };
  if (subscriber.status !== 'pending') return { outcome: 'invalid', subscriber: null };
  if (!subscriber.confirmExpiresAt || subscriber.confirmExpiresAt.getTime() <= deps.now().getTime()) return { outcome: 'expired', subscriber };
  const confirmed = await confirmSubscriber(deps.db, subscriber.id, deps.now());
  return { outcome: confirmed ? 'confirmed' : 'already-confirmed', subscriber };
}

/** The subscriber a preferences/unsubscribe token was signed for, or null for any other token. */
export async function resolveManageToken(deps: Pick<SubscriptionDeps, 'db' | 'secret'>, token: unknown): Promise<Subscriber | null> {
  const id = readManageTokenId(token);
  if (id === null) return null;
  const subscriber = await findSubscriberById(deps.db, id);
  if (!subscriber || !isValidManageToken(deps.secret, token as string, subscriber.id, subscriber.manageNonce)) return null;
  return subscriber;
}

/** Saves new topics and language; an empty topic list is refused (unsubscribing is the way to get nothing). */
export async function savePreferences(deps: SubscriptionDeps, subscriber: Subscriber, form: { topics: unknown; locale: unknown }): Promise<Validated<{ topics: string[]; locale: Locale }>> {
  const topics = validateTopics(form.topics, deps.topics);
  const errors = topics.ok ? [] : topics.errors.map((e) => (e === 'error.topics.empty' ? 'preferences.noTopics' : e));
  if (!isLocale(form.locale)) errors.push('error.locale');
  if (!topics.ok || !isLocale(form.locale)) return { ok: false, errors };
  await updateSubscriberPreferences(deps.db, subscriber.id, { topics: topics.value, locale: form.locale }, deps.now());
  return { ok: true, value: { topics: topics.value, locale: form.locale } };
}

/** Unsubscribes at once (idempotent). */
export async function unsubscribe(deps: Pick<SubscriptionDeps, 'db' | 'now'>, subscriber: Subscriber): Promise<void> {
  if (subscriber.status !== 'unsubscribed') await unsubscribeSubscriber(deps.db, subscriber.id, deps.now());
}
