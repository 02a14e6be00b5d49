// URL resolution and canonicalization for item links and images.

/**
 * Query parameters that only track the click and never select the page. Matched case-insensitively;
 * `utm_` is a prefix. Ad-server names such as `zoneid` stay: on some CMSs they pick the content.
 */
export const TRACKING_PARAMS: readonly string[] = [
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid',
  'igshid', 'mc_cid', 'mc_eid', '_ga', '_gl', 'mkt_tok', '_hsenc', '_hsmi', 'ref_src', 'ref_url',
];

const TRACKING_PREFIXES: readonly string[] = ['utm_'];
const TRACKING_SET = new Set(TRACKING_PARAMS);

/** True when a query parameter name is click tracking that canonicalization drops. */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_SET.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** Parses `href` (trimmed) against `base`; null unless the result is an http(s) URL. */
export function parseHttpUrl(href: string, base?: string): URL | null {
  const trimmed = href.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = base === undefined ? new URL(trimmed) : new URL(trimmed, parseBase(base));
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '') return null;
  return url;
}

/**
 * The canonical form of an article link: absolute http(s), lowercase scheme and host, no default port,
 * no fragment, no tracking parameters (the rest kept in their original order and spelling).
 * Null when the link is not http(s) or cannot be parsed.
 */
export function canonicalizeUrl(href: string, base?: string): string | null {
  const url = parseHttpUrl(href, base);
  if (url === null) return null;
  url.hash = '';
  url.search = stripTrackingParams(url.search);
  return url.href;
}

/** Resolves an image or media URL to absolute http(s), keeping its query (CDNs sign it); null otherwise. */
export function resolveMediaUrl(href: string, base?: string): string | null {
  const url = parseHttpUrl(href, base);
  if (url === null) return null;
  url.hash = '';
  return url.href;
}

/** True when the text is an absolute http(s) URL on its own (e.g. a guid that is a permalink). */
export function isAbsoluteHttpUrl(text: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(text.trim()) && parseHttpUrl(text) !== null;
}

// Works on the raw query text so that kept parameters keep their exact encoding and order;
// URLSearchParams would re-encode them and change the canonical string.
function stripTrackingParams(search: string): string {
  if (search === '' || search === '?') return '';
  const kept = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(decodeParamName(pair)));
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}

function decodeParamName(pair: string): string {
  const name = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

// A relative or broken base must not make every link unresolvable: fall back to no base.
function parseBase(base: string): string | undefined {
  try {
    return new URL(base.trim()).href;
  } catch {
    return undefined;
  }
}
