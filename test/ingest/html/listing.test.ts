import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isBantinError } from '../../../src/errors.js';
import { extractListingLinks } from '../../../src/ingest/html/listing.js';

const LISTING = readFileSync(new URL('../../fixtures/html/listing.html', import.meta.url), 'utf8');
const PAGE = 'https://www.antd.example/chinh-tri';

describe('extractListingLinks', () => {
  it('returns canonical links in page order, once each, with listing title and date', () => {
    const links = extractListingLinks(LISTING, PAGE, { links: '.list-news .story a', listingTitle: '.story-title', listingDate: '.story-time' });
    expect(links.map((link) => link.url)).toEqual([
      'https://www.antd.example/chinh-tri/cong-tac-thong-tin-doi-ngoai.html',
      'https://www.antd.example/giao-thong/buyt-nhanh-thu-hai.html',
      'https://other.example/tin-ngoai.html',
      'https://www.antd.example/kinh-doanh/gia-xang-giam.htm',
      'https://www.antd.example/noi-bo/thong-bao.html',
      'https://www.antd.example/chinh-sach/nghi-dinh-chat-thai-ran.htm',
      'https://www.antd.example/lien-he.html',
    ]);
    expect(links[0]).toEqual({
      url: 'https://www.antd.example/chinh-tri/cong-tac-thong-tin-doi-ngoai.html',
      title: 'Công tác thông tin đối ngoại góp phần phát triển Thủ đô',
      dateText: '28/07/2017 14:30',
    });
    expect(links[2]?.dateText).toBeNull();
  });

  it('accepts a selector that matches cards rather than links', () => {
    const links = extractListingLinks(LISTING, PAGE, { links: '.story' });
    expect(links).toHaveLength(7);
    expect(links[0]?.title).toBe('Công tác thông tin đối ngoại góp phần phát triển Thủ đô');
  });

  it('says which selector matched nothing on which page', () => {
    let caught: unknown;
    try {
      extractListingLinks(LISTING, PAGE, { links: '.list a' });
    } catch (error) {
      caught = error;
    }
    expect(isBantinError(caught, 'selector-matched-nothing')).toBe(true);
    expect((caught as Error).message).toBe('extract: selector `.list a` matched nothing on https://www.antd.example/chinh-tri');
  });

  it('reports an invalid selector as such', () => {
    expect(() => extractListingLinks(LISTING, PAGE, { links: 'a[' })).toThrow(/invalid selector `a\[`/);
  });
});
