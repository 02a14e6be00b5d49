import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, isTrackingParam, resolveMediaUrl, TRACKING_PARAMS } from '../../src/ingest/urls.js';

const BASE = 'https://vnexpress.net/rss/thoi-su.rss';

describe('canonicalizeUrl', () => {
  it.each([
    ['trims whitespace and newlines (VnExpress 2017)', '\n  http://vnexpress.net/tin-tuc/a-3543450.html\n  ', undefined, 'http://vnexpress.net/tin-tuc/a-3543450.html'],
    ['lowercases scheme and host, keeps path case', 'HTTPS://VnExpress.NET/Tin/A.html', undefined, 'https://vnexpress.net/Tin/A.html'],
    ['drops the default https port', 'https://vnexpress.net:443/a.html', undefined, 'https://vnexpress.net/a.html'],
    ['drops the default http port', 'http://vnexpress.net:80/a.html', undefined, 'http://vnexpress.net/a.html'],
    ['keeps a non-default port', 'http://vnexpress.net:8080/a.html', undefined, 'http://vnexpress.net:8080/a.html'],
    ['drops the fragment', 'https://vnexpress.net/a.html#box-comment', undefined, 'https://vnexpress.net/a.html'],
    ['drops utm_* in any case', 'https://a.vn/x?utm_source=rss&UTM_Campaign=y', undefined, 'https://a.vn/x'],
    ['drops click ids, keeps the rest in order', 'https://a.vn/x?b=2&fbclid=1&a=1&gclid=2&msclkid=3&c=3', undefined, 'https://a.vn/x?b=2&a=1&c=3'],
    ['keeps the spelling of kept parameters', 'https://a.vn/x?q=h%E1%BB%8Dc+sinh&utm_medium=x&tag=a,b', undefined, 'https://a.vn/x?q=h%E1%BB%8Dc+sinh&tag=a,b'],
    ['keeps parameters that pick content', 'https://a.vn/list.aspx?zoneid=12&page=2', undefined, 'https://a.vn/list.aspx?zoneid=12&page=2'],
    ['removes an empty query', 'https://a.vn/x?', undefined, 'https://a.vn/x'],
    ['resolves a relative link against the base', '../the-gioi/b.html', BASE, 'https://vnexpress.net/the-gioi/b.html'],
    ['resolves a root-relative link', '/c.html', BASE, 'https://vnexpress.net/c.html'],
    ['resolves a protocol-relative link', '//e.vnexpress.net/d.html', BASE, 'https://e.vnexpress.net/d.html'],
    ['percent-encodes Vietnamese in the path', 'https://a.vn/tin/việt-nam', undefined, 'https://a.vn/tin/vi%E1%BB%87t-nam'],
    ['lowercases and punycodes an IDN host', 'https://BÁO.vn/a', undefined, 'https://xn--bo-mia.vn/a'],
  ])('%s', (_name, href, base, expected) => {
    expect(canonicalizeUrl(href, base)).toBe(expected);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: with spaces', '  JavaScript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['mailto:', 'mailto:a@b.vn'],
    ['ftp:', 'ftp://a.vn/x'],
    ['an empty string', '   '],
    ['an unparseable URL', 'http://'],
    ['a relative link without base', '/tin/a.html'],
  ])('refuses %s', (_name, href) => {
    expect(canonicalizeUrl(href)).toBeNull();
  });

  it('ignores a broken base instead of failing', () => {
    expect(canonicalizeUrl('https://a.vn/x', 'not a url')).toBe('https://a.vn/x');
    expect(canonicalizeUrl('/x', 'not a url')).toBeNull();
  });
});

describe('isTrackingParam', () => {
  it('knows every listed parameter and the utm_ prefix', () => {
    for (const name of TRACKING_PARAMS) expect(isTrackingParam(name)).toBe(true);
    expect(isTrackingParam('utm_anything')).toBe(true);
    expect(isTrackingParam('id')).toBe(false);
    expect(isTrackingParam('ref')).toBe(false);
  });
});

describe('resolveMediaUrl', () => {
  it('keeps the query of image URLs (CDNs sign it), even utm-like parameters', () => {
    expect(resolveMediaUrl('https://vcdn1.vnecdn.net/a.jpg?w=1200&h=0&s=abc&utm_source=x#f')).toBe(
      'https://vcdn1.vnecdn.net/a.jpg?w=1200&h=0&s=abc&utm_source=x',
    );
  });

  it('resolves relative image URLs and refuses data:', () => {
    expect(resolveMediaUrl('img/a.jpg', BASE)).toBe('https://vnexpress.net/rss/img/a.jpg');
    expect(resolveMediaUrl('data:image/png;base64,AAAA', BASE)).toBeNull();
  });
});
