import { Agent, fetch as undiciFetch } from 'undici';
import type { Dispatcher, Response } from 'undici';
import { BantinError } from '../errors.js';
import { discardBody, readBodyWithLimit } from './fetch-body.js';
import { classifyFetchFailure, createHttpStatusError } from './fetch-errors.js';
import { guardedLookup, isNonPublicAddress, readLiteralIp } from './fetch-guard.js';
import { createKeyedLimiter, createLimiter } from './fetch-limit.js';
import type { FetchLimits, FetchRequest, FetchResult, Fetcher } from './types.js';

export interface FetcherOptions extends FetchLimits {
  /** Requests in flight at once, all hosts together. */
  concurrency: number;
  /** Requests in flight at once to one host name. */
  perHost: number;
}

type Redirect = { url: string; status: number };

type HopOutcome =
  | { kind: 'redirect'; status: number; location: URL }
  | { kind: 'not-modified'; response: Response }
  | { kind: 'ok'; response: Response; body: Uint8Array };

interface FetchDeps {
  limits: FetchLimits;
  openAgent: Dispatcher;
  guardedAgent: Dispatcher;
  limitAll: <T>(task: () => Promise<T>) => Promise<T>;
  limitHost: <T>(key: string, task: () => Promise<T>) => Promise<T>;
}

/** Exchange state shared by every hop of one fetch. */
interface Exchange {
  request: FetchRequest;
  /** Set when the first hop starts, so queueing for a slot does not eat the timeout. */
  deadline?: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';

/** The User-Agent bantin sends, e.g. `bantin/0.1.0 (+https://example.org)`. */
export function buildUserAgent(version: string, publicUrl: string): string {
  const site = publicUrl.trim().replace(/\/+$/, '');
  return site ? `bantin/${version} (+${site})` : `bantin/${version}`;
}

/** Creates the one network client for feeds and pages: limits, redirects, conditional GET, guard. */
export function createFetcher(options: FetcherOptions): Fetcher & { close(): Promise<void> } {
  const { concurrency, perHost, ...limits } = options;
  // Two pools so a guarded request never reuses a keep-alive connection opened without the guard.
  const deps: FetchDeps = {
    limits,
    openAgent: new Agent(),
    guardedAgent: new Agent({ connect: { lookup: guardedLookup } }),
    limitAll: createLimiter(concurrency),
    limitHost: createKeyedLimiter(perHost),
  };
  return {
    fetch: (request) => fetchFollowingRedirects(request, deps),
    close: async () => {
      await Promise.all([deps.openAgent.close(), deps.guardedAgent.close()]);
    },
  };
}

async function fetchFollowingRedirects(request: FetchRequest, deps: FetchDeps): Promise<FetchResult> {
  const exchange: Exchange = { request };
  const redirects: Redirect[] = [];
  let url = parseFetchUrl(request.url, request.url);
  const seen = new Set<string>([url.href]);
  for (;;) {
    const current = url;
    const outcome = await deps.limitHost(current.hostname, () => deps.limitAll(() => runHop(current, exchange, deps)));
    if (outcome.kind !== 'redirect') return buildResult(outcome, current.href, redirects);
    redirects.push({ url: current.href, status: outcome.status });
    url = outcome.location;
    if (seen.has(url.href)) {
      throw new BantinError('fetch', 'redirect-loop', `redirect loop at ${url.href} for ${request.url}`, { context: { url: request.url, redirects } });
    }
    if (redirects.length > deps.limits.maxRedirects) {
      throw new BantinError('fetch', 'too-many-redirects', `more than ${deps.limits.maxRedirects} redirects for ${request.url}`, {
        context: { url: request.url, redirects },
      });
    }
    seen.add(url.href);
  }
}

/** Parses an http(s) URL, relative to `base` when given, or throws `invalid-url`. */
function parseFetchUrl(raw: string, original: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (error) {
    throw new BantinError('fetch', 'invalid-url', `invalid URL ${JSON.stringify(raw)} for ${original}`, { cause: error, context: { url: original } });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BantinError('fetch', 'invalid-url', `not an http(s) URL: ${url.href} for ${original}`, { context: { url: original } });
  }
  url.hash = '';
  return url;
}

async function runHop(url: URL, exchange: Exchange, deps: FetchDeps): Promise<HopOutcome> {
  const { request } = exchange;
  const guarded = request.allowPrivateNetwork === false;
  assertLiteralHostAllowed(url, guarded);
  const { timeoutMs } = deps.limits;
  exchange.deadline ??= Date.now() + timeoutMs;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, Math.max(0, exchange.deadline - Date.now()));
  try {
    const response = await undiciFetch(url.href, {
      method: 'GET',
      headers: buildRequestHeaders(request, deps.limits.userAgent),
      redirect: 'manual',
      signal: controller.signal,
      dispatcher: guarded ? deps.guardedAgent : deps.openAgent,
    });
    return await readHop(response, url, request.url, deps.limits.maxBytes, () => controller.abort());
  } catch (error) {
    throw classifyFetchFailure(error, url.href, timeoutMs, timedOut);
  } finally {
    clearTimeout(timer);
  }
}

function assertLiteralHostAllowed(url: URL, guarded: boolean): void {
  // net.connect skips `lookup` for IP literals, so the connect-time guard never sees them.
  const literal = readLiteralIp(url.hostname);
  if (guarded && literal !== null && isNonPublicAddress(literal)) {
    throw new BantinError('fetch', 'private-address', `refused non-public address ${literal} for ${url.href}`, { context: { url: url.href } });
  }
}

function buildRequestHeaders(request: FetchRequest, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  return headers;
}

async function readHop(response: Response, url: URL, original: string, maxBytes: number, abort: () => void): Promise<HopOutcome> {
  const { status } = response;
  const location = response.headers.get('location');
  if (REDIRECT_STATUSES.has(status) && location !== null) {
    await discardBody(response);
    return { kind: 'redirect', status, location: parseFetchUrl(location, original, url) };
  }
  if (status === 304) {
    await discardBody(response);
    return { kind: 'not-modified', response };
  }
  if (status < 200 || status >= 300) {
    await discardBody(response);
    throw createHttpStatusError(status, response.statusText, url.href, response.headers.get('retry-after'), new Date());
  }
  const body = await readBodyWithLimit(response, url.href, maxBytes, abort);
  return { kind: 'ok', response, body };
}

function buildResult(outcome: Exclude<HopOutcome, { kind: 'redirect' }>, finalUrl: string, redirects: Redirect[]): FetchResult {
  const { response } = outcome;
  const headers = Object.fromEntries(response.headers.entries());
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  if (outcome.kind === 'not-modified') {
    return { kind: 'not-modified', status: 304, finalUrl, redirects, headers, etag, lastModified };
  }
  return {
    kind: 'ok',
    status: response.status,
    finalUrl,
    redirects,
    headers,
    contentType: response.headers.get('content-type'),
    etag,
    lastModified,
    body: outcome.body,
  };
}
