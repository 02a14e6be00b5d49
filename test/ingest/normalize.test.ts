import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, normalizeAuthor, normalizeCategories, normalizeItem, resolvePublishedAt } from '../../src/ingest/normalize.js';
import type { NormalizeContext, NormalizedItem, RawItem } from '../../src/ingest/types.js';
import { findUnsafeMarkup } from './unsafe-markup.js';

type Expected = Omit<NormalizedItem, 'publishedAt'> & { publishedAt: string };
interface ItemCase {
  name: string;
  source: string;
  ctx?: Partial<{ feedUrl: string; timezone: string; fetchedAt: string }>;
  raw: Partial<RawItem>;
  expected: Expected;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/normalize/items.json', import.meta.url), 'utf8')) as {
  defaultContext: { feedUrl: string; timezone: string; fetchedAt: string };
  cases: ItemCase[];
};

function buildContext(overrides: ItemCase['ctx'] = {}): NormalizeContext {
  const ctx = { ...fixture.defaultContext, ...overrides };
  return { feedUrl: ctx.feedUrl, timezone: ctx.timezone, fetchedAt: new Date(ctx.fetchedAt) };
}

function buildRaw(raw: Partial<RawItem>): RawItem {
  return { categories: [], imageUrls: [], ...raw };
}

function toComparable(item: NormalizedItem): Expected {
  return { ...item, publishedAt: item.publishedAt.toISOString() };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const TEXT_FIELDS = ['title', 'summary', 'contentHtml', 'author'] as const;

describe('normalizeItem over the fixture table', () => {
  it('covers the corpus sources and quirks', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(30);
    for (const outlet of ['vnexpress', 'cafef', 'vietnambiz', 'dantri', 'thanhnien', 'tuoitre']) {
      expect(fixture.cases.some((c) => c.name.startsWith(outlet))).toBe(true);
    }
  });

  describe.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const raw = deepFreeze(buildRaw(c.raw));
    const item = normalizeItem(raw, buildContext(c.ctx));

    it('gives the expected item', () => {
      expect(toComparable(item)).toEqual(c.expected);
    });

    it('keeps the output within its contract', () => {
      expect(item.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
      expect(item.summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
      for (const field of TEXT_FIELDS) {
        const value = item[field] ?? '';
        expect(value).toBe(value.normalize('NFC'));
        expect(value).not.toMatch(/[\u0000-\u0008]/);
      }
      expect(item.title).not.toMatch(/<\/?[a-z][^>]*>/i);
      expect(findUnsafeMarkup(item.contentHtml)).toEqual([]);
      if (item.url !== null) expect(item.url).toMatch(/^https?:\/\/[^/]+\//);
    });
  });
});

describe('normalizeItem limits', () => {
  const ctx = buildContext();

  it('cuts a very long title to 1000 characters at a word', () => {
    const words = Array.from({ length: 300 }, (_, i) => `từ${i}`).join(' ');
    const item = normalizeItem(buildRaw({ guid: 'long-title', title: words }), ctx);
    expect(item.title.length).toBeLessThanOrEqual(1000);
    expect(item.title.endsWith('…')).toBe(true);
    expect(words.startsWith(item.title.slice(0, -1))).toBe(true);
    expect(words[item.title.length - 1]).toBe(' ');
  });

  it('treats a blank content:encoded as missing and sanitizes the description instead', () => {
    const item = normalizeItem(buildRaw({ guid: 'b', contentHtml: ' <p> </p> ', summaryHtml: '<p>Mô tả</p>' }), ctx);
    expect(item.contentHtml).toBe('<p>Mô tả</p>');
    expect(item.summary).toBe('Mô tả');
  });
});

describe('resolvePublishedAt', () => {
  const ctx = { timezone: 'Asia/Ho_Chi_Minh', fetchedAt: new Date('2026-10-09T01:00:00Z') };

  it('prefers published over updated', () => {
    const result = resolvePublishedAt({ published: '2026-10-08T10:00:00Z', updated: '2026-10-08T12:00:00Z' }, ctx);
    expect(result).toEqual({ publishedAt: new Date('2026-10-08T10:00:00Z'), dateMissing: false });
  });

  it('uses updated when published is absent', () => {
    expect(resolvePublishedAt({ updated: '2026-10-08T12:00:00Z' }, ctx).publishedAt.toISOString()).toBe('2026-10-08T12:00:00.000Z');
  });

  it('returns a copy of the fetch time, flagged, when no date reads', () => {
    const result = resolvePublishedAt({ published: 'hôm qua' }, ctx);
    expect(result.dateMissing).toBe(true);
    expect(result.publishedAt).toEqual(ctx.fetchedAt);
    expect(result.publishedAt).not.toBe(ctx.fetchedAt);
  });
});

describe('normalizeAuthor', () => {
  it.each([
    ['bbt@vnexpress.net (Minh Anh)', 'Minh Anh'],
    ['Lan Hương <lan@vietnamnet.vn>', 'Lan Hương'],
    ['  Thế Anh  ', 'Thế Anh'],
    ['toasoan@tuoitre.com.vn', 'toasoan@tuoitre.com.vn'],
    ['&lt;b&gt;PV&lt;/b&gt;', 'PV'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeAuthor(input)).toBe(expected);
  });

  it('is null when missing or blank', () => {
    expect(normalizeAuthor(undefined)).toBeNull();
    expect(normalizeAuthor('  <br> ')).toBeNull();
  });
});

describe('normalizeCategories', () => {
  it('keeps the first spelling of each category and drops empty ones', () => {
    expect(normalizeCategories([' Thời sự', 'THỜI SỰ', '', 'Kinh doanh', '<i>Kinh doanh</i>', ' \n '])).toEqual(['Thời sự', 'Kinh doanh']);
  });
});
