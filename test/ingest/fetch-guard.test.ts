import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/ingest/fetch.js';
import { isNonPublicAddress, readLiteralIp } from '../../src/ingest/fetch-guard.js';
import { startTestServer } from '../support/http-server.js';
import type { TestServer } from '../support/http-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

describe('isNonPublicAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.9', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['::', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['203.162.4.190', false],
    ['8.8.8.8', false],
    ['2001:4860:4860::8888', false],
    ['not-an-ip', false],
  ])('%s → %s', (address, expected) => {
    expect(isNonPublicAddress(address)).toBe(expected);
  });

  it('reads IP literals out of URL hostnames', () => {
    expect(readLiteralIp('[::1]')).toBe('::1');
    expect(readLiteralIp('127.0.0.1')).toBe('127.0.0.1');
    expect(readLiteralIp('vnexpress.net')).toBeNull();
  });
});

describe('private network guard', () => {
  let hits = 0;
  async function serve(): Promise<TestServer> {
    hits = 0;
    const server = await startTestServer((_req, res) => {
      hits += 1;
      res.end('ok');
    });
    cleanups.push(() => server.close());
    return server;
  }
  function makeFetcher() {
    const fetcher = createFetcher({ timeoutMs: 5000, maxBytes: 1024, maxRedirects: 5, userAgent: 'bantin/test', concurrency: 4, perHost: 2 });
    cleanups.push(() => fetcher.close());
    return fetcher;
  }

  it('refuses a literal loopback address when allowPrivateNetwork is false', async () => {
    const server = await serve();
    await expect(makeFetcher().fetch({ url: server.url, allowPrivateNetwork: false })).rejects.toMatchObject({ stage: 'fetch', code: 'private-address' });
    expect(hits).toBe(0);
  });

  it('refuses a name that resolves to loopback, checked at connect time', async () => {
    const server = await serve();
    const url = `http://localhost:${server.port}/feed`;
    await expect(makeFetcher().fetch({ url, allowPrivateNetwork: false })).rejects.toMatchObject({ code: 'private-address' });
    expect(hits).toBe(0);
  });

  it('allows private hosts when the flag is undefined or true', async () => {
    const server = await serve();
    const fetcher = makeFetcher();
    expect((await fetcher.fetch({ url: server.url })).kind).toBe('ok');
    expect((await fetcher.fetch({ url: `http://localhost:${server.port}/`, allowPrivateNetwork: true })).kind).toBe('ok');
    expect(hits).toBe(2);
  });
});
