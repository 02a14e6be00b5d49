import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clampPublishedAt, MAX_FUTURE_SKEW_MS, parseItemDate } from '../../src/ingest/dates.js';

interface DateCase {
  text: string;
  timezone?: string;
  expected: string | null;
  note?: string;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/normalize/dates.json', import.meta.url), 'utf8')) as {
  defaultTimezone: string;
  cases: DateCase[];
};

describe('parseItemDate', () => {
  it('has a table of at least 30 readable dates', () => {
    expect(fixture.cases.filter((c) => c.expected !== null).length).toBeGreaterThanOrEqual(30);
  });

  it.each(fixture.cases.map((c) => [JSON.stringify(c.text), c] as const))('%s', (_label, c) => {
    const parsed = parseItemDate(c.text, c.timezone ?? fixture.defaultTimezone);
    expect(parsed?.toISOString() ?? null).toBe(c.expected);
  });

  it('reads the same naive time differently in different source timezones', () => {
    const hanoi = parseItemDate('09/10/2026 07:34', 'Asia/Ho_Chi_Minh');
    const utc = parseItemDate('09/10/2026 07:34', 'UTC');
    expect(utc!.getTime() - hanoi!.getTime()).toBe(7 * 60 * 60 * 1000);
  });

  it('refuses text far longer than any date without scanning it', () => {
    expect(parseItemDate(`Fri, 09 Oct 2026 07:34:21 +0700${' '.repeat(300)}`, 'UTC')).toBeNull();
  });

  it('ignores the source timezone when the text names a zone', () => {
    expect(parseItemDate('Fri, 09 Oct 2026 07:34:21 +0700', 'America/New_York')?.toISOString()).toBe('2026-10-09T00:34:21.000Z');
  });
});

describe('clampPublishedAt', () => {
  const fetchedAt = new Date('2026-10-09T01:00:00Z');

  it('keeps past dates and dates up to a day ahead', () => {
    const past = new Date('2026-10-01T00:00:00Z');
    const edge = new Date(fetchedAt.getTime() + MAX_FUTURE_SKEW_MS);
    expect(clampPublishedAt(past, fetchedAt)).toEqual(past);
    expect(clampPublishedAt(edge, fetchedAt)).toEqual(edge);
  });

  it('clamps dates more than a day ahead to the fetch time', () => {
    const beyond = new Date(fetchedAt.getTime() + MAX_FUTURE_SKEW_MS + 1000);
    const clamped = clampPublishedAt(beyond, fetchedAt);
    expect(clamped.toISOString()).toBe(fetchedAt.toISOString());
    expect(clamped).not.toBe(fetchedAt);
  });
});
