import { describe, expect, it } from 'vitest';
import { classifySendError, describeSendError } from '../../src/mail/classify-error.js';
import { buildDigestMessageId, buildListHeaders } from '../../src/mail/headers.js';
import { selectTopicStories } from '../../src/digest/rank.js';
import { previousWeek, resolveWeek, weekContaining } from '../../src/digest/week.js';
import { normalizeAddress } from '../../src/subscribers/address.js';
import { isValidManageToken, readManageTokenId, signManageToken } from '../../src/subscribers/tokens.js';
import { createClientRateLimiter } from '../../src/subscribers/rate-limit.js';
import { createRateLimiter } from '../../src/mail/rate-limiter.js';
import { createStory } from './support/fixtures.js';

describe('normalizeAddress', () => {
  it.each([
    ['Reader@Example.COM', 'reader@example.com'],
    ['  ban.doc+tin@bao.com.vn ', 'ban.doc+tin@bao.com.vn'],
  ])('accepts %j as %j', (input, email) => {
    expect(normalizeAddress(input)).toEqual({ ok: true, email });
  });

  it.each([
    ['', 'empty'],
    [42, 'empty'],
    ['victim@example.com\r\nBcc: everyone@example.com', 'control-characters'],
    ['a@example.com\nX-Injected: 1', 'control-characters'],
    ['a@example.com\u0000', 'control-characters'],
    [`${'a'.repeat(65)}@example.com`, 'syntax'],
    [`a@${'b'.repeat(250)}.com`, 'too-long'],
    ['no-at-sign.example.com', 'syntax'],
    ['two@@example.com', 'syntax'],
    ['"quoted"@example.com', 'syntax'],
    ['a b@example.com', 'syntax'],
    ['a@example.com, b@example.com', 'syntax'],
    ['.dot@example.com', 'syntax'],
    ['a@localhost', 'domain'],
    ['a@-bad.example.com', 'domain'],
    ['a@example.c0m', 'domain'],
    ['a@[127.0.0.1]', 'domain'],
  ])('rejects %j (%s)', (input, problem) => {
    expect(normalizeAddress(input)).toEqual({ ok: false, problem });
  });
});

describe('manage tokens', () => {
  it('verify only for the subscriber and nonce they were signed for', () => {
    const token = signManageToken('secret', 7, 'nonce-a');
    expect(readManageTokenId(token)).toBe(7);
    expect(isValidManageToken('secret', token, 7, 'nonce-a')).toBe(true);
    expect(isValidManageToken('secret', token, 8, 'nonce-a')).toBe(false);
    expect(isValidManageToken('secret', token, 7, 'nonce-b')).toBe(false);
    expect(isValidManageToken('other-secret', token, 7, 'nonce-a')).toBe(false);
    const forged = token.replace(/^m1\.7\./, 'm1.8.');
    expect(isValidManageToken('secret', forged, 8, 'nonce-a')).toBe(false);
  });

  it('rejects malformed tokens before any lookup', () => {
    for (const bad of [undefined, '', 'm1.7', 'm1.x.abc', `m1.7.${'a'.repeat(42)}`, `m1.7.${'a'.repeat(43)}\n`, 'x'.repeat(500)]) {
      expect(readManageTokenId(bad)).toBeNull();
    }
  });
});

describe('weeks', () => {
  it('are Monday to Monday in the configured zone', () => {
    const week = resolveWeek('2026-W48', 'Asia/Ho_Chi_Minh');
    expect(week.from.toISOString()).toBe('2026-11-22T17:00:00.000Z');
    expect(week.to.toISOString()).toBe('2026-11-29T17:00:00.000Z');
    // Sunday 23:30 local is still week 48; Monday 00:30 local is week 49.
    expect(weekContaining(new Date('2026-11-29T16:30:00Z'), 'Asia/Ho_Chi_Minh').week).toBe('2026-W48');
    expect(weekContaining(new Date('2026-11-29T17:30:00Z'), 'Asia/Ho_Chi_Minh').week).toBe('2026-W49');
    expect(previousWeek(new Date('2026-11-30T00:00:00Z'), 'Asia/Ho_Chi_Minh').week).toBe('2026-W48');
    expect(resolveWeek('2020-W53', 'UTC').week).toBe('2020-W53');
  });

  it.each(['2026-48', '2026-W54', '2021-W53', 'W48', '2026-W48; drop table'])('refuses %j', (label) => {
    expect(() => resolveWeek(label, 'UTC')).toThrow(/digest: expected an ISO week/);
  });
});

describe('selectTopicStories', () => {
  it('ranks by outlets, then a government source, then recency, and keeps the top N', () => {
    const stories = [
      createStory(1, ['kinh-te'], 2, { day: 27 }),
      createStory(2, ['kinh-te'], 4),
      createStory(3, ['kinh-te'], 2, { government: true, day: 23 }),
      createStory(4, ['kinh-te'], 2, { day: 28 }),
      createStory(5, ['the-thao'], 9),
    ];
    const chosen = selectTopicStories('kinh-te', stories, new Map(), 3);
    expect(chosen.map((s) => s.storyId)).toEqual([2, 3, 4]);
    expect(chosen.map((s) => s.rank)).toEqual([1, 2, 3]);
    expect(chosen[1]!.hasGovernment).toBe(true);
  });

  it('brings back a story from an earlier edition only when it gained outlets, marked as updated', () => {
    const stories = [createStory(1, ['kinh-te'], 3), createStory(2, ['kinh-te'], 5), createStory(3, ['kinh-te'], 1)];
    const previous = new Map([[1, 3], [2, 4]]);
    const chosen = selectTopicStories('kinh-te', stories, previous, 10);
    expect(chosen.map((s) => [s.storyId, s.isUpdate])).toEqual([[2, true], [3, false]]);
  });
});

describe('mail headers', () => {
  it('give the same Message-ID for the same edition and subscriber only', () => {
    const a = buildDigestMessageId('s', 'bantin.test', '2026-W48', 1);
    expect(buildDigestMessageId('s', 'bantin.test', '2026-W48', 1)).toBe(a);
    expect(buildDigestMessageId('s', 'bantin.test', '2026-W48', 2)).not.toBe(a);
    expect(buildDigestMessageId('s', 'bantin.test', '2026-W49', 1)).not.toBe(a);
    expect(a).toMatch(/^<bantin\.2026-W48\.1\.[\w-]{16}@bantin\.test>$/);
  });

  it('offer https and mailto unsubscribe with RFC 8058 one-click', () => {
    const headers = buildListHeaders({ unsubscribeUrl: 'https://bantin.test/unsubscribe?token=t', mailto: 'digest@bantin.test', host: 'bantin.test', token: 't' });
    expect(headers['List-Unsubscribe']).toBe('<https://bantin.test/unsubscribe?token=t>, <mailto:digest@bantin.test?subject=unsubscribe%20t>');
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(headers['List-Id']).toBe('bantin weekly digest <digest.bantin.test>');
  });
});

describe('classifySendError', () => {
  it('sorts replies and connection problems', () => {
    expect(classifySendError({ responseCode: 550, code: 'EENVELOPE' })).toBe('permanent');
    expect(classifySendError({ responseCode: 451, code: 'EENVELOPE' })).toBe('transient');
    expect(classifySendError({ code: 'ESOCKET', errno: 'ECONNREFUSED' })).toBe('unavailable');
    expect(classifySendError({ code: 'ENOSPC' })).toBe('unavailable');
    expect(classifySendError(new Error('odd'))).toBe('transient');
    expect(describeSendError({ responseCode: 550, response: '550 5.1.1 no\r\nsuch user' })).toBe('mail: 550 5.1.1 no such user');
  });
});

describe('createClientRateLimiter', () => {
  it('allows a burst per client, then refills over time', () => {
    const limiter = createClientRateLimiter({ capacity: 2, refillPerMinute: 1 });
    expect([limiter.tryTake('a', 0), limiter.tryTake('a', 0), limiter.tryTake('a', 0)]).toEqual([true, true, false]);
    expect(limiter.tryTake('b', 0)).toBe(true);
    expect(limiter.tryTake('a', 30_000)).toBe(false);
    expect(limiter.tryTake('a', 60_000)).toBe(true);
  });
});

describe('createRateLimiter', () => {
  it('spaces grants 1/rate apart and saves up no burst while idle', () => {
    const limiter = createRateLimiter(10);
    expect([limiter.reserve(0), limiter.reserve(0), limiter.reserve(0), limiter.reserve(150)]).toEqual([0, 100, 200, 150]);
    // After a long pause the next grant is immediate, the one after it waits a full interval again.
    expect([limiter.reserve(10_000), limiter.reserve(10_000)]).toEqual([0, 100]);
  });
});
