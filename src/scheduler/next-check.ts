// When to check a source next, what a failure means for it, and the permanent-redirect rule. Pure: the time comes in.
import { isBantinError } from '../errors.js';
import { parseRetryAfter } from '../ingest/fetch-errors.js';

export { parseRetryAfter };

/** Feed and cache hints never push a check further out than this. */
export const MAX_HINT_MS = 24 * 3_600_000;
/** Polls in a row that must see the same permanent redirect before polling moves. */
export const REDIRECT_STREAK_TO_MOVE = 3;
const MIN_INTERVAL_MS = 1_000;
const PERMANENT_REDIRECTS = new Set([301, 308]);

export interface NextCheckInput {
  now: Date;
  intervalMs: number;
  outcome: 'success' | 'not-modified' | 'error';
  /** Consecutive failures including this one (1 on the first failure); ignored unless outcome is 'error'. */
  errorStreak: number;
  /** The feed's `<ttl>`, in minutes. */
  ttlMinutes?: number;
  /** `Cache-Control: max-age` of the response, in seconds. */
  cacheMaxAgeSeconds?: number;
  /** `Retry-After` of a 429/503 answer, in seconds. */
  retryAfterSeconds?: number;
  maxBackoffMs: number;
}

/**
 * The next check time. After a success the source's interval applies, stretched (never shortened) by the feed's
 * `<ttl>` or Cache-Control max-age up to 24 h. After an error the interval doubles per failure in a row
 * (interval · 2^(streak−1)) up to `maxBackoffMs`, and a Retry-After is honoured up to the same cap: a source is
 * never given up on.
 */
export function computeNextCheck(input: NextCheckInput): Date {
  const intervalMs = Math.max(MIN_INTERVAL_MS, finiteOr(input.intervalMs, MIN_INTERVAL_MS));
  const delayMs = input.outcome === 'error' ? computeErrorDelay(input, intervalMs) : computeSuccessDelay(input, intervalMs);
  return new Date(input.now.getTime() + delayMs);
}

function computeSuccessDelay(input: NextCheckInput, intervalMs: number): number {
  const hints = [minutesToMs(input.ttlMinutes), secondsToMs(input.cacheMaxAgeSeconds)];
  const hintMs = Math.min(MAX_HINT_MS, Math.max(0, ...hints));
  return Math.max(intervalMs, hintMs);
}

function computeErrorDelay(input: NextCheckInput, intervalMs: number): number {
  const capMs = Math.max(intervalMs, finiteOr(input.maxBackoffMs, MAX_HINT_MS));
  const streak = Math.min(Math.max(1, Math.floor(finiteOr(input.errorStreak, 1))), 40);
  const backoffMs = Math.min(capMs, intervalMs * 2 ** (streak - 1));
  const retryAfterMs = Math.min(capMs, secondsToMs(input.retryAfterSeconds));
  return Math.max(backoffMs, retryAfterMs);
}

/** Seconds of `max-age` in a Cache-Control header; `no-cache`/`no-store` and unreadable values give undefined. */
export function parseCacheControlMaxAge(header: string | null | undefined): number | undefined {
  if (!header) return undefined;
  const directives = header.toLowerCase().split(',').map((d) => d.trim());
  if (directives.some((d) => d === 'no-cache' || d === 'no-store')) return undefined;
  const maxAge = directives.map((d) => /^max-age\s*=\s*"?(\d+)"?$/.exec(d)).find((m) => m !== null);
  return maxAge ? Number.parseInt(maxAge[1]!, 10) : undefined;
}

export interface PollFailureClass {
  /** Disable the source with this reason (only a 410 Gone does). */
  disable?: string;
  /** How long the server asked us to wait (429/503 Retry-After). */
  retryAfterSeconds?: number;
  /** The HTTP status, when the failure was one. */
  status?: number;
}

/** Reads what a poll failure means for scheduling: 410 disables, 429/503 may carry a Retry-After, the rest back off. */
export function classifyPollFailure(error: unknown, now: Date = new Date()): PollFailureClass {
  const status = readHttpStatus(error);
  if (status === 410) return { status, disable: `410 Gone: the server says the feed was removed for good (${readUrl(error)})` };
  const retryAfterSeconds = readRetryAfter(error, now);
  const result: PollFailureClass = {};
  if (status !== undefined) result.status = status;
  if (retryAfterSeconds !== undefined && (status === 429 || status === 503)) result.retryAfterSeconds = retryAfterSeconds;
  return result;
}

function readHttpStatus(error: unknown): number | undefined {
  if (!isBantinError(error, 'http-status')) return undefined;
  const status = error.context.status;
  if (typeof status === 'number') return status;
  const match = /^\w+: (\d{3}) /.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

function readRetryAfter(error: unknown, now: Date): number | undefined {
  if (!isBantinError(error)) return undefined;
  const value = error.context.retryAfter;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string') return parseRetryAfter(value, now) ?? undefined;
  return undefined;
}

function readUrl(error: unknown): string {
  const url = isBantinError(error) ? error.context.url : undefined;
  return typeof url === 'string' ? url : 'unknown URL';
}

export interface RedirectState {
  target: string | null;
  streak: number;
}

/**
 * Follows the permanent-redirect rule across polls. `redirects` is the fetch's chain, each hop the URL that answered
 * and its status; `finalUrl` is where the chain ended. The leading run of 301/308 hops names a target; the same
 * target on three polls in a row gives `moveTo`. Any other answer (no redirect, a 302 first) resets the streak.
 */
export function trackPermanentRedirect(
  state: RedirectState,
  redirects: { url: string; status: number }[],
  finalUrl: string,
): RedirectState & { moveTo?: string } {
  const target = findPermanentTarget(redirects, finalUrl);
  if (target === null) return { target: null, streak: 0 };
  const streak = target === state.target ? state.streak + 1 : 1;
  if (streak >= REDIRECT_STREAK_TO_MOVE) return { target: null, streak: 0, moveTo: target };
  return { target, streak };
}

function findPermanentTarget(redirects: { url: string; status: number }[], finalUrl: string): string | null {
  let hops = 0;
  while (hops < redirects.length && PERMANENT_REDIRECTS.has(redirects[hops]!.status)) hops += 1;
  if (hops === 0) return null;
  const target = hops < redirects.length ? redirects[hops]!.url : finalUrl;
  return target === redirects[0]!.url ? null : target;
}

/** The admin notice stored on a source whose polling moved to a new URL. */
export function describeRedirectNotice(from: string, to: string): string {
  return `moved permanently: ${from} redirected to ${to} on ${REDIRECT_STREAK_TO_MOVE} polls in a row; polling moved there — update the source's url in the config`;
}

function minutesToMs(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value * 60_000 : 0;
}

function secondsToMs(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value * 1000 : 0;
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}
