import { describe, expect, it } from 'vitest';
import { buildIdentityKey, dedupeWithinFeed, hashItemContent, identifyItem } from '../../src/ingest/identify.js';
import { normalizeItem } from '../../src/ingest/normalize.js';
import type { NormalizedItem, RawItem } from '../../src/ingest/types.js';

function buildItem(overrides: Partial<NormalizedItem> = {}): NormalizedItem {
  return {
    guid: null,
    url: null,
    title: 'Giá vàng tăng mạnh',
    summary: 'Giá vàng miếng tăng 1 triệu đồng.',
    contentHtml: '<p>Giá vàng miếng tăng 1 triệu đồng.</p>',
    author: 'Minh Anh',
    imageUrl: 'https://cdn.example.vn/vang.jpg',
    categories: ['Kinh doanh'],
    publishedAt: new Date('2026-10-08T03:00:00Z'),
    dateMissing: false,
    ...overrides,
  };
}

describe('identifyItem identity key', () => {
  it('uses the guid when there is one, even with a URL', () => {
    const item = buildItem({ guid: '4f6529b0-9a1f-44ef-a2ae-afce6dcc2e99', url: 'https://vietnambiz.vn/a.htm' });
    expect(identifyItem(item).identityKey).toBe('guid:4f6529b0-9a1f-44ef-a2ae-afce6dcc2e99');
  });

  it('uses the canonical URL when there is no guid', () => {
    expect(identifyItem(buildItem({ url: 'https://tuoitre.vn/a-100261002091032857.htm' })).identityKey).toBe(
      'url:https://tuoitre.vn/a-100261002091032857.htm',
    );
  });

  it('falls back to a hash of the folded title and the date', () => {
    const key = identifyItem(buildItem()).identityKey;
    expect(key).toMatch(/^hash:[0-9a-f]{64}$/);
    expect(identifyItem(buildItem({ title: 'GIÁ VÀNG  tăng mạnh' })).identityKey).toBe(key);
    expect(identifyItem(buildItem({ title: 'Gia vang tang manh' })).identityKey).toBe(key);
    expect(identifyItem(buildItem({ title: 'Giá bạc tăng mạnh' })).identityKey).not.toBe(key);
    expect(identifyItem(buildItem({ publishedAt: new Date('2026-10-08T04:00:00Z') })).identityKey).not.toBe(key);
  });

  it('keeps the hash key stable across polls when the date is a stand-in', () => {
    const first = buildItem({ dateMissing: true, publishedAt: new Date('2026-10-09T01:00:00Z') });
    const second = buildItem({ dateMissing: true, publishedAt: new Date('2026-10-09T01:30:00Z') });
    expect(identifyItem(second).identityKey).toBe(identifyItem(first).identityKey);
  });

  it('tells untitled items apart by their summary', () => {
    const a = buildItem({ title: '', summary: 'Một' });
    const b = buildItem({ title: '', summary: 'Hai' });
    expect(buildIdentityKey(a)).not.toBe(buildIdentityKey(b));
  });
});

describe('identifyItem content hash', () => {
  const base = buildItem({ guid: 'g-1' });
  const baseHash = hashItemContent(base);

  it('is a sha256 and the same for equal items', () => {
    expect(baseHash).toMatch(/^[0-9a-f]{64}$/);
    expect(identifyItem(buildItem({ guid: 'g-1' })).contentHash).toBe(baseHash);
  });

  it.each<[string, Partial<NormalizedItem>]>([
    ['title', { title: 'Giá vàng giảm' }],
    ['url', { url: 'https://example.vn/b.htm' }],
    ['summary', { summary: 'Khác.' }],
    ['contentHtml', { contentHtml: '<p>Khác.</p>' }],
    ['author', { author: null }],
    ['imageUrl', { imageUrl: 'https://cdn.example.vn/khac.jpg' }],
    ['categories', { categories: ['Kinh doanh', 'Thị trường'] }],
    ['publishedAt', { publishedAt: new Date('2026-10-08T03:05:00Z') }],
  ])('changes when %s changes', (_field, change) => {
    expect(hashItemContent({ ...base, ...change })).not.toBe(baseHash);
  });

  it('ignores a stand-in date, so an undated item is not "updated" on every poll', () => {
    const first = { ...base, dateMissing: true, publishedAt: new Date('2026-10-09T01:00:00Z') };
    const second = { ...base, dateMissing: true, publishedAt: new Date('2026-10-09T02:00:00Z') };
    expect(hashItemContent(second)).toBe(hashItemContent(first));
  });
});

describe('re-polling through normalizeItem', () => {
  const raw: RawItem = {
    guid: undefined,
    title: 'Hậu trường phá hủy hàng chục siêu xe',
    summaryHtml: '<p>Theo chuyên gia McCarthy</p>',
    categories: [],
    imageUrls: [],
  };

  it('gives the same identity and hash for an undated item fetched twice', () => {
    const ctx = { feedUrl: 'https://example.vn/rss', timezone: 'Asia/Ho_Chi_Minh' };
    const first = identifyItem(normalizeItem(raw, { ...ctx, fetchedAt: new Date('2026-10-09T01:00:00Z') }));
    const second = identifyItem(normalizeItem(raw, { ...ctx, fetchedAt: new Date('2026-10-09T01:30:00Z') }));
    expect(second).toEqual(first);
  });

  it('gives the same identity but a new hash when the title is edited', () => {
    const ctx = { feedUrl: 'https://example.vn/rss', timezone: 'Asia/Ho_Chi_Minh', fetchedAt: new Date('2026-10-09T01:00:00Z') };
    const withLink = { ...raw, link: 'https://example.vn/a.htm', published: 'Wed, 19 Apr 2017 18:00:00 +0700' };
    const before = identifyItem(normalizeItem(withLink, ctx));
    const after = identifyItem(normalizeItem({ ...withLink, title: 'Hậu trường phá hủy 20 siêu xe' }, ctx));
    expect(after.identityKey).toBe(before.identityKey);
    expect(after.contentHash).not.toBe(before.contentHash);
  });
});

describe('dedupeWithinFeed', () => {
  it('keeps the first of identified entries sharing a key, in feed order', () => {
    const entries = [
      { identityKey: 'guid:a', contentHash: '1', n: 1 },
      { identityKey: 'guid:b', contentHash: '2', n: 2 },
      { identityKey: 'guid:a', contentHash: '3', n: 3 },
      { identityKey: 'url:https://x.vn/c', contentHash: '4', n: 4 },
      { identityKey: 'guid:b', contentHash: '5', n: 5 },
    ];
    expect(dedupeWithinFeed(entries).map((e) => e.n)).toEqual([1, 2, 4]);
  });

  it('computes keys itself for bare normalized items', () => {
    const items = [
      buildItem({ guid: 'x', title: 'Một' }),
      buildItem({ url: 'https://x.vn/1', title: 'Hai' }),
      buildItem({ guid: 'x', title: 'Một (lặp)' }),
      buildItem({ url: 'https://x.vn/1', title: 'Hai (lặp)' }),
      buildItem({ title: 'Ba' }),
    ];
    expect(dedupeWithinFeed(items).map((i) => i.title)).toEqual(['Một', 'Hai', 'Ba']);
  });
});
