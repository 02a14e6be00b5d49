import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sourceSchema } from '../../../src/config/schema.js';
import { buildSourceEntries, deriveSourceKey, discoverPage, formatSourceEntries } from '../../../src/ingest/html/discover.js';
import { readHtmlFixture } from './fixture-site.js';

describe('discoverPage', () => {
  it('lists the announced feeds once each, with format and title', () => {
    const discovery = discoverPage(readHtmlFixture('home-with-feeds.html'), 'https://baochinhphu.example/');
    expect(discovery.feeds).toEqual([
      { url: 'https://baochinhphu.example/rss/thoi-su.rss', format: 'rss', title: 'Thời sự' },
      { url: 'https://baochinhphu.example/rss/kinh-te.rss', format: 'rss', title: 'Kinh tế' },
      { url: 'https://baochinhphu.example/feeds/chinh-sach.atom', format: 'atom', title: null },
      { url: 'https://baochinhphu.example/feed.json', format: 'json', title: 'Tất cả' },
    ]);
  });

  it('guesses the links selector of a listing without feeds', () => {
    const discovery = discoverPage(readHtmlFixture('listing.html'), 'https://www.antd.example/chinh-tri');
    expect(discovery.feeds).toEqual([]);
    expect(discovery.linksSelector).toBe('h3.story-title > a');
  });
});

describe('buildSourceEntries', () => {
  it('writes feed entries that the config schema accepts', () => {
    const entries = buildSourceEntries(discoverPage(readHtmlFixture('home-with-feeds.html'), 'https://baochinhphu.example/'));
    const yaml = formatSourceEntries(entries);
    const parsed = parse(yaml) as unknown[];
    expect(parsed.map((entry) => sourceSchema.parse(entry).key)).toEqual(['baochinhphu-thoi-su', 'baochinhphu-kinh-te', 'baochinhphu-chinh-sach', 'baochinhphu']);
    expect(parsed[0]).toEqual({ key: 'baochinhphu-thoi-su', name: 'Thời sự', url: 'https://baochinhphu.example/rss/thoi-su.rss', kind: 'press' });
    expect(parsed[2]).toMatchObject({ name: 'Báo Điện tử Chính phủ' });
  });

  it('writes an HTML source entry with the guessed selector when there is no feed', () => {
    const entries = buildSourceEntries(discoverPage(readHtmlFixture('listing.html'), 'http://127.0.0.1:8080/chinh-tri'));
    const parsed = sourceSchema.parse((parse(formatSourceEntries(entries)) as unknown[])[0]);
    expect(parsed).toMatchObject({
      key: '127-0-0-1-chinh-tri',
      name: 'Chính trị - Báo An ninh Thủ đô',
      type: 'html',
      allowPrivateNetwork: true,
      selectors: { links: 'h3.story-title > a' },
    });
  });
});

describe('deriveSourceKey', () => {
  it.each([
    ['https://vnexpress.net/rss/thoi-su.rss', 'vnexpress-thoi-su'],
    ['https://www.antd.vn/chinh-tri', 'antd-chinh-tri'],
    ['https://tinhuong.hanoi.gov.vn/tin-tức/Thời-sự.html', 'hanoi-tin-tuc-thoi-su'],
    ['https://baochinhphu.vn/', 'baochinhphu'],
  ])('%s → %s', (url, key) => {
    expect(deriveSourceKey(url)).toBe(key);
  });
});
