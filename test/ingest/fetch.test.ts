import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { buildUserAgent, createFetcher } from '../../src/ingest/fetch.js';
import type { FetcherOptions } from '../../src/ingest/fetch.js';
import { parseRetryAfter } from '../../src/ingest/fetch-errors.js';
import { startTestServer } from '../support/http-server.js';
import type { TestHandler, TestServer } from '../support/http-server.js';

const FEED = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin mới</title></channel></rss>';
const UA = 'bantin/0.1.0 (+https://bantin.example)';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function serve(handler: TestHandler): Promise<TestServer> {
  const server = await startTestServer(handler);
  cleanups.push(() => server.close());
  return server;
}

function makeFetcher(overrides: Partial<FetcherOptions> = {}) {
  const fetcher = createFetcher({ timeoutMs: 5000, maxBytes: 1024 * 1024, maxRedirects: 5, userAgent: UA, concurrency: 8, perHost: 2, ...overrides });
  cleanups.push(() => fetcher.close());
  return fetcher;
}

describe('buildUserAgent', () => {
  it('names bantin, its version and the public URL', () => {
    expect(buildUserAgent('0.1.0', 'https://example.org/')).toBe('bantin/0.1.0 (+https://example.org)');
    expect(buildUserAgent('1.2.3', '')).toBe('bantin/1.2.3');
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  it('reads delta-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Sun, 29 Nov 2026 13:00:00 GMT', now)).toBe(3600);
    expect(parseRetryAfter('Sun, 29 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('createFetcher against a real server', () => {
  it('returns the body, headers and User-Agent on a 200', async () => {
    const seen: (string | undefined)[] = [];
    const server = await serve((req, res) => {
      seen.push(req.headers['user-agent']);
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' });
      res.end(FEED);
    });
    const result = await makeFetcher().fetch({ url: `${server.url}/feed.rss` });
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.status).toBe(200);
    expect(new TextDecoder().decode(result.body)).toBe(FEED);
    expect(result.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(result.etag).toBe('"v1"');
    expect(result.finalUrl).toBe(`${server.url}/feed.rss`);
    expect(result.redirects).toEqual([]);
    expect(seen).toEqual([UA]);
  });

  it('sends If-None-Match and turns a 304 into not-modified', async () => {
    const server = await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v7"') {
        res.writeHead(304, { etag: '"v7"' }).end();
        return;
      }
      res.writeHead(200, { etag: '"v7"' }).end(FEED);
    });
    const fetcher = makeFetcher();
    const first = await fetcher.fetch({ url: server.url });
    expect(first.kind).toBe('ok');
    const second = await fetcher.fetch({ url: server.url, etag: first.etag });
    expect(second).toMatchObject({ kind: 'not-modified', status: 304, etag: '"v7"', finalUrl: `${server.url}/` });
  });

  it('sends If-Modified-Since and turns a 304 into not-modified', async () => {
    const stamp = 'Sat, 28 Nov 2026 10:00:00 GMT';
    const server = await serve((req, res) => {
      if (req.headers['if-modified-since'] === stamp) {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { 'last-modified': stamp }).end(FEED);
    });
    const fetcher = makeFetcher();
    const first = await fetcher.fetch({ url: server.url });
    expect(first).toMatchObject({ kind: 'ok', lastModified: stamp });
    expect(await fetcher.fetch({ url: server.url, lastModified: first.lastModified })).toMatchObject({ kind: 'not-modified' });
  });

  it.each([
    ['gzip', (data: Buffer) => gzipSync(data)],
    ['deflate', (data: Buffer) => deflateSync(data)],
    ['br', (data: Buffer) => brotliCompressSync(data)],
  ])('asks for and decodes %s', async (encoding, compress) => {
    let accepted = '';
    const server = await serve((req, res) => {
      accepted = String(req.headers['accept-encoding']);
      res.writeHead(200, { 'content-encoding': encoding, 'content-type': 'text/xml' });
      res.end(compress(Buffer.from(FEED.repeat(50))));
    });
    const result = await makeFetcher().fetch({ url: server.url });
    expect(accepted.split(/,\s*/)).toEqual(expect.arrayContaining(['gzip', 'deflate', 'br']));
    expect(result.kind === 'ok' && new TextDecoder().decode(result.body)).toBe(FEED.repeat(50));
  });
});

describe('redirects', () => {
  const redirectServer = () =>
    serve((req, res) => {
      const routes: Record<string, [number, string]> = {
        '/r1': [301, '/r2'],
        '/r2': [302, 'dir/r3'],
        '/dir/r3': [307, '../final'],
        '/a': [302, '/b'],
        '/b': [302, '/a'],
      };
      const hop = routes[req.url ?? ''];
      const chain = /^\/n\/(\d+)$/.exec(req.url ?? '');
      if (hop) res.writeHead(hop[0], { location: hop[1] }).end();
      else if (chain && Number(chain[1]) > 0) res.writeHead(302, { location: `/n/${Number(chain[1]) - 1}` }).end();
      else res.writeHead(200).end(`at ${req.url}`);
    });

  it('follows a 3-hop chain with relative Locations and records every hop and the final URL', async () => {
    const server = await redirectServer();
    const result = await makeFetcher().fetch({ url: `${server.url}/r1` });
    expect(result).toMatchObject({
      kind: 'ok',
      finalUrl: `${server.url}/final`,
      redirects: [
        { url: `${server.url}/r1`, status: 301 },
        { url: `${server.url}/r2`, status: 302 },
        { url: `${server.url}/dir/r3`, status: 307 },
      ],
    });
    expect(result.kind === 'ok' && new TextDecoder().decode(result.body)).toBe('at /final');
  });

  it('reports a redirect loop', async () => {
    const server = await redirectServer();
    await expect(makeFetcher().fetch({ url: `${server.url}/a` })).rejects.toMatchObject({ stage: 'fetch', code: 'redirect-loop' });
  });

  it('follows exactly maxRedirects hops and refuses one more', async () => {
    const server = await redirectServer();
    const fetcher = makeFetcher({ maxRedirects: 5 });
    const five = await fetcher.fetch({ url: `${server.url}/n/5` });
    expect(five.redirects).toHaveLength(5);
    await expect(fetcher.fetch({ url: `${server.url}/n/6` })).rejects.toMatchObject({ stage: 'fetch', code: 'too-many-redirects' });
  });

  it('rejects a Location that is not http(s)', async () => {
    const server = await serve((_req, res) => res.writeHead(302, { location: 'ftp://example.org/feed' }).end());
    await expect(makeFetcher().fetch({ url: server.url })).rejects.toMatchObject({ code: 'invalid-url' });
  });
});

describe('errors', () => {
  it.each([
    [404, 'Not Found'],
    [500, 'Internal Server Error'],
  ])('turns %i into http-status with a readable message', async (status, text) => {
    const server = await serve((_req, res) => res.writeHead(status).end('nope'));
    const url = `${server.url}/feed`;
    const error = await makeFetcher().fetch({ url }).catch((e: unknown) => e);
    expect(error).toMatchObject({ stage: 'fetch', code: 'http-status', context: { status, url } });
    expect((error as Error).message).toBe(`fetch: ${status} ${text} for ${url}`);
  });

  it('reads Retry-After on a 429', async () => {
    const server = await serve((_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
    await expect(makeFetcher().fetch({ url: server.url })).rejects.toMatchObject({ code: 'http-status', context: { status: 429, retryAfter: 120 } });
  });

  it('reports connection refused', async () => {
    const server = await startTestServer((_req, res) => res.end());
    await server.close();
    await expect(makeFetcher().fetch({ url: server.url })).rejects.toMatchObject({ stage: 'fetch', code: 'connection-refused' });
  });

  it('reports a connection dropped mid-answer as network', async () => {
    const server = await serve((req) => req.socket.destroy());
    await expect(makeFetcher().fetch({ url: server.url })).rejects.toMatchObject({ stage: 'fetch', code: 'network' });
  });

  it('reports an unresolvable host as dns', async () => {
    await expect(makeFetcher().fetch({ url: 'http://no-such-host.invalid/feed' })).rejects.toMatchObject({ stage: 'fetch', code: 'dns' });
  });

  it.each(['ftp://example.org/feed', 'not a url', 'file:///etc/passwd'])('rejects %s as invalid-url', async (url) => {
    await expect(makeFetcher().fetch({ url })).rejects.toMatchObject({ stage: 'fetch', code: 'invalid-url' });
  });
});
