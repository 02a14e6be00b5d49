import { describe, expect, it } from 'vitest';
import { BantinError } from '../../src/errors.js';
import { createHttpStatusError } from '../../src/ingest/fetch-errors.js';
import {
  classifyPollFailure,
  computeNextCheck,
  parseCacheControlMaxAge,
  parseRetryAfter,
  trackPermanentRedirect,
  type NextCheckInput,
} from '../../src/scheduler/next-check.js';

const NOW = new Date('2026-11-29T00:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

function delayOf(input: Partial<NextCheckInput>): number {
  const full: NextCheckInput = { now: NOW, intervalMs: 30 * MIN, outcome: 'success', errorStreak: 0, maxBackoffMs: 24 * HOUR, ...input };
  return computeNextCheck(full).getTime() - NOW.getTime();
}

describe('computeNextCheck', () => {
  it.each([
    ['plain success', {}, 30 * MIN],
    ['not modified', { outcome: 'not-modified' as const }, 30 * MIN],
    ['ttl longer than the interval stretches it', { ttlMinutes: 60 }, 60 * MIN],
    ['ttl shorter than the interval is ignored', { ttlMinutes: 5 }, 30 * MIN],
    ['max-age longer than the interval stretches it', { cacheMaxAgeSeconds: 7200 }, 2 * HOUR],
    ['the larger of ttl and max-age wins', { ttlMinutes: 90, cacheMaxAgeSeconds: 3600 }, 90 * MIN],
    ['hints are capped at 24 h', { ttlMinutes: 10_000 }, 24 * HOUR],
    ['an interval above the hint cap still applies', { intervalMs: 48 * HOUR, ttlMinutes: 10_000 }, 48 * HOUR],
    ['first error retries after one interval', { outcome: 'error' as const, errorStreak: 1 }, 30 * MIN],
    ['second error doubles', { outcome: 'error' as const, errorStreak: 2 }, 60 * MIN],
    ['fifth error: 16 intervals', { outcome: 'error' as const, errorStreak: 5 }, 8 * HOUR],
    ['backoff is capped', { outcome: 'error' as const, errorStreak: 12 }, 24 * HOUR],
    ['a huge streak stays at the cap', { outcome: 'error' as const, errorStreak: 10_000 }, 24 * HOUR],
    ['a smaller cap', { outcome: 'error' as const, errorStreak: 9, maxBackoffMs: 6 * HOUR }, 6 * HOUR],
    ['Retry-After beyond the backoff is honoured', { outcome: 'error' as const, errorStreak: 1, retryAfterSeconds: 7200 }, 2 * HOUR],
    ['Retry-After below the backoff does not shorten it', { outcome: 'error' as const, errorStreak: 4, retryAfterSeconds: 60 }, 4 * HOUR],
    ['Retry-After is capped too', { outcome: 'error' as const, errorStreak: 1, retryAfterSeconds: 30 * 86_400 }, 24 * HOUR],
    ['a streak of 0 on error counts as the first', { outcome: 'error' as const, errorStreak: 0 }, 30 * MIN],
    ['errors ignore feed hints', { outcome: 'error' as const, errorStreak: 1, ttlMinutes: 600 }, 30 * MIN],
  ])('%s', (_name, input, expected) => {
    expect(delayOf(input)).toBe(expected);
  });

  it('never schedules in the past or now, even for a zero interval', () => {
    expect(delayOf({ intervalMs: 0 })).toBeGreaterThan(0);
    expect(delayOf({ intervalMs: Number.NaN, outcome: 'error', errorStreak: 3 })).toBeGreaterThan(0);
  });
});

describe('parseCacheControlMaxAge', () => {
  it.each([
    ['public, max-age=600', 600],
    ['max-age="120"', 120],
    ['MAX-AGE=30, must-revalidate', 30],
    ['s-maxage=900', undefined],
    ['no-cache, max-age=600', undefined],
    ['no-store', undefined],
    ['max-age=abc', undefined],
    ['', undefined],
    [null, undefined],
  ])('%s → %s', (header, expected) => {
    expect(parseCacheControlMaxAge(header)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter('Sun, 29 Nov 2026 01:00:00 GMT', NOW)).toBe(3600);
    expect(parseRetryAfter('Sat, 28 Nov 2026 01:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
  });
});

describe('classifyPollFailure', () => {
  it('disables on 410 Gone and names the reason', () => {
    const result = classifyPollFailure(createHttpStatusError(410, 'Gone', 'http://x.test/feed', null, NOW), NOW);
    expect(result.disable).toMatch(/^410 Gone/);
    expect(result.disable).toContain('http://x.test/feed');
  });

  it('reads Retry-After on 429 and 503 only', () => {
    expect(classifyPollFailure(createHttpStatusError(429, '', 'u', '90', NOW), NOW)).toEqual({ status: 429, retryAfterSeconds: 90 });
    expect(classifyPollFailure(createHttpStatusError(503, '', 'u', 'Sun, 29 Nov 2026 00:10:00 GMT', NOW), NOW)).toEqual({ status: 503, retryAfterSeconds: 600 });
    const forged = new BantinError('fetch', 'http-status', '500 Server Error for u', { context: { status: 500, retryAfter: 90 } });
    expect(classifyPollFailure(forged, NOW)).toEqual({ status: 500 });
  });

  it('leaves other failures to the backoff', () => {
    expect(classifyPollFailure(createHttpStatusError(404, 'Not Found', 'u', null, NOW), NOW)).toEqual({ status: 404 });
    expect(classifyPollFailure(new BantinError('parse', 'malformed-xml', 'bad'), NOW)).toEqual({});
    expect(classifyPollFailure(new Error('boom'), NOW)).toEqual({});
  });
});

describe('trackPermanentRedirect', () => {
  const hop = (url: string, status: number) => ({ url, status });
  const moved = [hop('http://a.test/feed', 301)];

  it('moves after three polls in a row with the same 301/308 target', () => {
    let state = trackPermanentRedirect({ target: null, streak: 0 }, moved, 'http://b.test/feed');
    expect(state).toEqual({ target: 'http://b.test/feed', streak: 1 });
    state = trackPermanentRedirect(state, [hop('http://a.test/feed', 308)], 'http://b.test/feed');
    expect(state).toEqual({ target: 'http://b.test/feed', streak: 2 });
    expect(trackPermanentRedirect(state, moved, 'http://b.test/feed')).toEqual({ target: null, streak: 0, moveTo: 'http://b.test/feed' });
  });

  it('restarts the count when the target changes or a poll is not redirected', () => {
    const two = { target: 'http://b.test/feed', streak: 2 };
    expect(trackPermanentRedirect(two, moved, 'http://c.test/feed')).toEqual({ target: 'http://c.test/feed', streak: 1 });
    expect(trackPermanentRedirect(two, [], 'http://a.test/feed')).toEqual({ target: null, streak: 0 });
  });

  it('ignores temporary redirects and stops the permanent run at the first one', () => {
    expect(trackPermanentRedirect({ target: null, streak: 0 }, [hop('http://a.test/f', 302)], 'http://b.test/f')).toEqual({ target: null, streak: 0 });
    const chain = [hop('http://a.test/f', 301), hop('http://b.test/f', 302)];
    expect(trackPermanentRedirect({ target: 'http://b.test/f', streak: 2 }, chain, 'http://c.test/f').moveTo).toBe('http://b.test/f');
  });
});
