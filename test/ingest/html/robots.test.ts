import { afterEach, describe, expect, it } from 'vitest';
import { createRobotsCache, createRobotsPolicy, parseRobotsRules } from '../../../src/ingest/html/robots.js';
import { createTestFetcher, startFixtureSite } from './fixture-site.js';
import type { FixtureSite } from './fixture-site.js';

const NOW = new Date('2026-11-29T08:00:00Z');
const ROBOTS = ['User-agent: *', 'Disallow: /tim-kiem', '', 'User-agent: bantin', 'Disallow: /noi-bo/', 'Allow: /noi-bo/cong-khai/'].join('\n');

describe('parseRobotsRules', () => {
  it('applies the bantin group over the * group', () => {
    const isAllowed = parseRobotsRules('https://antd.vn/robots.txt', ROBOTS);
    expect(isAllowed('https://antd.vn/noi-bo/thong-bao.html')).toBe(false);
    expect(isAllowed('https://antd.vn/noi-bo/cong-khai/a.html')).toBe(true);
    expect(isAllowed('https://antd.vn/tim-kiem?q=x')).toBe(true);
    expect(isAllowed('https://antd.vn/chinh-tri/a.html')).toBe(true);
  });
});

describe('createRobotsPolicy', () => {
  let site: FixtureSite | undefined;
  const fetcher = createTestFetcher();

  afterEach(async () => {
    await site?.close();
    site = undefined;
  });

  it('fetches robots.txt once per host and honours it', async () => {
    site = await startFixtureSite({ '/robots.txt': { body: ROBOTS } });
    const robots = createRobotsPolicy(fetcher, { allowPrivateNetwork: true });
    expect(await robots.isAllowed(`${site.url}/noi-bo/a.html`)).toBe(false);
    expect(await robots.isAllowed(`${site.url}/chinh-tri/a.html`)).toBe(true);
    expect(site.requests.filter((path) => path === '/robots.txt')).toHaveLength(1);
  });

  it('allows everything when robots.txt is missing', async () => {
    site = await startFixtureSite({});
    const robots = createRobotsPolicy(fetcher, { allowPrivateNetwork: true });
    expect(await robots.isAllowed(`${site.url}/noi-bo/a.html`)).toBe(true);
  });

  it('disallows everything for the poll when robots.txt answers 5xx, and asks again on the next poll', async () => {
    site = await startFixtureSite({ '/robots.txt': { status: 503, body: 'busy' } });
    const cache = createRobotsCache();
    const robots = createRobotsPolicy(fetcher, { allowPrivateNetwork: true, cache, now: NOW });
    expect(await robots.isAllowed(`${site.url}/chinh-tri/a.html`)).toBe(false);
    site.pages.set('/robots.txt', { body: ROBOTS });
    const next = createRobotsPolicy(fetcher, { allowPrivateNetwork: true, cache, now: new Date(NOW.getTime() + 60_000) });
    expect(await next.isAllowed(`${site.url}/chinh-tri/a.html`)).toBe(true);
    expect(site.requests.filter((path) => path === '/robots.txt')).toHaveLength(2);
  });

  it('keeps an answer across polls for a day, then asks again', async () => {
    site = await startFixtureSite({ '/robots.txt': { body: ROBOTS } });
    const cache = createRobotsCache();
    const pollAt = (hours: number) => createRobotsPolicy(fetcher, { allowPrivateNetwork: true, cache, now: new Date(NOW.getTime() + hours * 3_600_000) });
    expect(await pollAt(0).isAllowed(`${site.url}/noi-bo/a.html`)).toBe(false);
    site.pages.set('/robots.txt', { body: 'User-agent: *\nDisallow:\n' });
    expect(await pollAt(23).isAllowed(`${site.url}/noi-bo/a.html`)).toBe(false);
    expect(site.requests.filter((path) => path === '/robots.txt')).toHaveLength(1);
    expect(await pollAt(25).isAllowed(`${site.url}/noi-bo/a.html`)).toBe(true);
    expect(site.requests.filter((path) => path === '/robots.txt')).toHaveLength(2);
  });
});
