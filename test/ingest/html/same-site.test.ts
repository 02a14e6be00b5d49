import { describe, expect, it } from 'vitest';
import { getRegistrableDomain, isPrivateAddressLiteral, isSameSite } from '../../../src/ingest/html/same-site.js';

describe('same site', () => {
  it.each([
    ['www.antd.vn', 'antd.vn'],
    ['antd.vn', 'antd.vn'],
    ['tinhuong.hanoi.gov.vn', 'hanoi.gov.vn'],
    ['baochinhphu.vn', 'baochinhphu.vn'],
    ['m.vnexpress.net', 'vnexpress.net'],
    ['127.0.0.1', '127.0.0.1'],
  ])('registrable domain of %s is %s', (host, domain) => {
    expect(getRegistrableDomain(host)).toBe(domain);
  });

  it('allows www. variants and subdomains, refuses other sites and schemes', () => {
    expect(isSameSite('https://www.antd.vn/a.html', 'https://antd.vn/chinh-tri')).toBe(true);
    expect(isSameSite('http://antd.vn/a.html', 'https://www.antd.vn/')).toBe(true);
    expect(isSameSite('https://congan.com.vn/a', 'https://antd.vn/')).toBe(false);
    expect(isSameSite('https://hanoi.gov.vn/a', 'https://chinhphu.gov.vn/')).toBe(false);
    expect(isSameSite('ftp://antd.vn/a', 'https://antd.vn/')).toBe(false);
    expect(isSameSite('http://127.0.0.2/a', 'http://127.0.0.1/')).toBe(false);
  });

  it('recognises private address literals', () => {
    expect(isPrivateAddressLiteral('http://127.0.0.1:8080/')).toBe(true);
    expect(isPrivateAddressLiteral('http://10.1.2.3/')).toBe(true);
    expect(isPrivateAddressLiteral('http://[::1]/')).toBe(true);
    expect(isPrivateAddressLiteral('http://localhost/')).toBe(true);
    expect(isPrivateAddressLiteral('https://8.8.8.8/')).toBe(false);
    expect(isPrivateAddressLiteral('https://antd.vn/')).toBe(false);
  });
});
