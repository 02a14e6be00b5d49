// robots.txt for listing and article fetches. A policy object lives for one poll and asks each origin once; the
// answers are kept for a day across polls in a process-wide cache (RFC 9309 allows caching up to 24 hours), so a
// source polled every 15 minutes costs its site one robots.txt request a day, not 96.
// A missing robots.txt (4xx) allows everything; a 5xx or an unreachable host disallows everything for that poll,
// as RFC 9309 asks, so a struggling site is not crawled harder; those answers are not cached, the next poll asks again.
import robotsParserModule from 'robots-parser';
import { isBantinError } from '../../errors.js';
import { decodeBody } from '../decode.js';
import type { Fetcher } from '../types.js';

/** The product token bantin matches in robots.txt groups. */
export const ROBOTS_USER_AGENT = 'bantin';

// The package is CommonJS (`module.exports = fn`) but its types declare an ES default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export interface RobotsPolicy {
  /** True when robots.txt of the URL's host lets bantin fetch it; throws `private-address` when the host is refused. */
  isAllowed(url: string): Promise<boolean>;
}

type RobotsRules = { kind: 'allow-all' } | { kind: 'disallow-all' } | { kind: 'rules'; isAllowed(url: string): boolean };

/** robots.txt answers by origin, each kept for a fixed time. */
export interface RobotsCache {
  get(origin: string, now: Date): RobotsRules | undefined;
  set(origin: string, rules: RobotsRules, now: Date): void;
}

const ROBOTS_TTL_MS = 24 * 60 * 60 * 1000;
const ROBOTS_CACHE_MAX_ORIGINS = 10_000;

/** Creates a cache keeping each origin's answer `ttlMs`; past `maxEntries` origins the oldest entry goes. */
export function createRobotsCache(ttlMs = ROBOTS_TTL_MS, maxEntries = ROBOTS_CACHE_MAX_ORIGINS): RobotsCache {
  const entries = new Map<string, { rules: RobotsRules; expiresAt: number }>();
  return {
    get(origin, now) {
      const entry = entries.get(origin);
      if (entry === undefined) return undefined;
      if (entry.expiresAt > now.getTime()) return entry.rules;
      entries.delete(origin);
      return undefined;
    },
    set(origin, rules, now) {
      entries.delete(origin);
      entries.set(origin, { rules, expiresAt: now.getTime() + ttlMs });
      // Maps iterate in insertion order, so the first key is the oldest.
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}

/** The process's robots.txt answers, shared by every poll. */
const processRobotsCache = createRobotsCache();

/**
 * Creates a per-poll robots.txt policy: each origin is asked at most once per poll, and not at all while the cache
 * (by default the process's) holds a fresh answer for it.
 */
export function createRobotsPolicy(
  fetcher: Fetcher,
  options: { allowPrivateNetwork: boolean; now?: Date; cache?: RobotsCache },
): RobotsPolicy {
  const cache = options.cache ?? processRobotsCache;
  const now = options.now ?? new Date();
  const byOrigin = new Map<string, Promise<RobotsRules>>();
  return {
    async isAllowed(url: string): Promise<boolean> {
      const origin = new URL(url).origin;
      let rules = byOrigin.get(origin);
      if (rules === undefined) {
        const cached = cache.get(origin, now);
        rules = cached ? Promise.resolve(cached) : loadAndCache(fetcher, origin, options.allowPrivateNetwork, cache, now);
        byOrigin.set(origin, rules);
      }
      return isAllowedByRules(await rules, url);
    },
  };
}

async function loadAndCache(fetcher: Fetcher, origin: string, allowPrivateNetwork: boolean, cache: RobotsCache, now: Date): Promise<RobotsRules> {
  const rules = await loadRobotsRules(fetcher, origin, allowPrivateNetwork);
  if (rules.kind !== 'disallow-all') cache.set(origin, rules, now);
  return rules;
}

/** Reads robots.txt text into rules for the bantin user agent (pure; exported for tests). */
export function parseRobotsRules(robotsUrl: string, text: string): (url: string) => boolean {
  const robot = robotsParser(robotsUrl, text);
  // robots-parser answers undefined for URLs of another origin; those are never asked here.
  return (url: string) => robot.isAllowed(url, ROBOTS_USER_AGENT) !== false;
}

function isAllowedByRules(rules: RobotsRules, url: string): boolean {
  if (rules.kind === 'allow-all') return true;
  if (rules.kind === 'disallow-all') return false;
  return rules.isAllowed(url);
}

async function loadRobotsRules(fetcher: Fetcher, origin: string, allowPrivateNetwork: boolean): Promise<RobotsRules> {
  const robotsUrl = `${origin}/robots.txt`;
  try {
    const response = await fetcher.fetch({ url: robotsUrl, allowPrivateNetwork });
    if (response.kind === 'not-modified') return { kind: 'allow-all' };
    const { text } = decodeBody(response.body, response.contentType);
    return { kind: 'rules', isAllowed: parseRobotsRules(robotsUrl, text) };
  } catch (error) {
    // A refused private address is a configuration matter; saying "robots.txt disallows" would hide it.
    if (isBantinError(error, 'private-address')) throw error;
    if (isClientError(error)) return { kind: 'allow-all' };
    return { kind: 'disallow-all' };
  }
}

function isClientError(error: unknown): boolean {
  if (!isBantinError(error, 'http-status')) return false;
  const status = error.context.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
