import { describe, expect, it } from 'vitest';
import { formatCursor, parseCursor, parseFeedPaging } from '../../src/publish/feed-paging.js';

describe('parseFeedPaging', () => {
  it('defaults to 50 entries and no cursor', () => {
    expect(parseFeedPaging({})).toEqual({ ok: true, paging: { limit: 50, cursor: null } });
  });

  it.each(['1', '200', '007'])('accepts limit=%s', (limit) => {
    const result = parseFeedPaging({ limit });
    expect(result.ok && result.paging.limit).toBe(Number(limit));
  });

  it.each(['0', '201', '-1', '1.5', 'abc', '', ' 5', '1e2', '99999'])('rejects limit=%j with a message', (limit) => {
    const result = parseFeedPaging({ limit });
    expect(result).toEqual({ ok: false, message: `invalid limit ${JSON.stringify(limit)}: use a whole number from 1 to 200` });
  });

  it.each(['yesterday', '2026-13-45', '2026-11-29T05:00:00Z~x', '2026-11-29~1~2', '', '42'])('rejects before=%j', (before) => {
    const result = parseFeedPaging({ before });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^invalid before .*: use an ISO 8601 date or a cursor such as/);
  });
});

describe('parseCursor', () => {
  it('reads a date, a zoned time, a naive time as UTC and a cursor with an id', () => {
    expect(parseCursor('2026-11-29')).toEqual({ publishedAt: new Date('2026-11-29T00:00:00Z'), id: null });
    expect(parseCursor('2026-11-29T12:00:00+07:00')).toEqual({ publishedAt: new Date('2026-11-29T05:00:00Z'), id: null });
    expect(parseCursor('2026-11-29T12:00:00 07:00')).toEqual({ publishedAt: new Date('2026-11-29T05:00:00Z'), id: null });
    expect(parseCursor('2026-11-29T12:00')).toEqual({ publishedAt: new Date('2026-11-29T12:00:00Z'), id: null });
    expect(parseCursor('2026-11-29T05:00:00.123Z~42')).toEqual({ publishedAt: new Date('2026-11-29T05:00:00.123Z'), id: 42 });
  });

  it('parses what formatCursor writes', () => {
    const published = new Date('2026-11-29T05:06:07.089Z');
    expect(parseCursor(formatCursor(published, 9))).toEqual({ publishedAt: published, id: 9 });
  });
});
