import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runDiscover } from '../../src/cli/sources-discover.js';
import { sourceSchema } from '../../src/config/schema.js';
import { createTestFetcher, htmlPage, startFixtureSite } from '../ingest/html/fixture-site.js';
import type { FixtureSite } from '../ingest/html/fixture-site.js';

const fetcher = createTestFetcher();
let site: FixtureSite;

afterEach(async () => {
  await site?.close();
});

afterAll(async () => {
  await fetcher.close();
});

async function discover(url: string): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runDiscover(url, { fetcher, write: (line) => lines.push(line) });
  return { code, lines };
}

describe('runDiscover', () => {
  it('prints the announced feeds and a config entry for each', async () => {
    site = await startFixtureSite({ '/': htmlPage('home-with-feeds.html') });
    const { code, lines } = await discover(`${site.url}/`);
    expect(code).toBe(0);
    expect(lines[0]).toBe(`# 4 feed(s) announced by ${site.url}/:`);
    const yaml = lines.filter((line) => !line.startsWith('#')).join('\n');
    const entries = (parse(yaml) as unknown[]).map((entry) => sourceSchema.parse(entry));
    expect(entries.map((entry) => entry.url)).toEqual([
      `${site.url}/rss/thoi-su.rss`,
      'https://baochinhphu.example/rss/kinh-te.rss',
      `${site.url}/feeds/chinh-sach.atom`,
      `${site.url}/feed.json`,
    ]);
    expect(entries[0]).toMatchObject({ key: '127-0-0-1-thoi-su', name: 'Thời sự', allowPrivateNetwork: true });
  });

  it('prints an HTML source entry when the page has no feed', async () => {
    site = await startFixtureSite({ '/chinh-tri': htmlPage('listing.html') });
    const { code, lines } = await discover(`${site.url}/chinh-tri`);
    expect(code).toBe(0);
    expect(lines[0]).toContain('no feed announced');
    const [entry] = parse(lines.slice(1).join('\n')) as unknown[];
    expect(sourceSchema.parse(entry)).toMatchObject({ type: 'html', url: `${site.url}/chinh-tri`, selectors: { links: 'h3.story-title > a' } });
  });

  it('exits 1 with the fetch error when the page cannot be read', async () => {
    site = await startFixtureSite({});
    const { code, lines } = await discover(`${site.url}/missing`);
    expect(code).toBe(1);
    expect(lines).toEqual([`error: fetch: 404 Not Found for ${site.url}/missing`]);
  });
});
