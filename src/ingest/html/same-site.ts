// Article fetches stay on the source's own site. Without a public-suffix list we approximate the registrable
// domain: the last two labels, or three under the second-level suffixes common for our sources (com.vn, gov.vn…).
import ipaddr from 'ipaddr.js';

const SECOND_LEVEL_SUFFIXES = new Set([
  'com.vn', 'net.vn', 'org.vn', 'gov.vn', 'edu.vn', 'ac.vn', 'info.vn', 'int.vn', 'biz.vn', 'name.vn', 'pro.vn',
  'health.vn', 'org.uk', 'co.uk', 'gov.uk', 'ac.uk', 'com.au', 'co.jp', 'com.cn', 'com.sg', 'co.kr',
]);

/** The registrable domain of a host name ("www.antd.vn" → "antd.vn", "tinhuong.hanoi.gov.vn" → "hanoi.gov.vn"). */
export function getRegistrableDomain(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.$/, '').replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) return host;
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const lastTwo = labels.slice(-2).join('.');
  return SECOND_LEVEL_SUFFIXES.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}

/** True when both URLs are http(s) on the same registrable domain (www. and other subdomains allowed). */
export function isSameSite(url: string, siteUrl: string): boolean {
  const a = parseHttpUrl(url);
  const b = parseHttpUrl(siteUrl);
  if (a === null || b === null) return false;
  return getRegistrableDomain(a.hostname) === getRegistrableDomain(b.hostname);
}

/** True when the URL names a loopback, private or link-local address literally (no DNS lookup). */
export function isPrivateAddressLiteral(url: string): boolean {
  const parsed = parseHttpUrl(url);
  if (parsed === null) return false;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (!ipaddr.isValid(host)) return false;
  const range = ipaddr.process(host).range();
  return range !== 'unicast';
}

function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
