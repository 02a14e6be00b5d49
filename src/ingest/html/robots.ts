// robots.txt for article fetches: one fetch per host per poll (a policy object lives for one poll).
// A missing robots.txt (4xx) allows everything; a 5xx or an unreachable host disallows everything for that poll,
// as RFC 9309 asks, so a struggling site is not crawled harder.
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

/** Creates a per-poll robots.txt policy that fetches each origin's robots.txt at most once. */
export function createRobotsPolicy(fetcher: Fetcher, options: { allowPrivateNetwork: boolean }): RobotsPolicy {
  const byOrigin = new Map<string, Promise<RobotsRules>>();
  return {
    async isAllowed(url: string): Promise<boolean> {
      const origin = new URL(url).origin;
      let rules = byOrigin.get(origin);
      if (rules === undefined) {
        rules = loadRobotsRules(fetcher, origin, options.allowPrivateNetwork);
        byOrigin.set(origin, rules);
      }
      return isAllowedByRules(await rules, url);
    },
  };
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
