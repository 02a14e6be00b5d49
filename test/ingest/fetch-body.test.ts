import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/ingest/fetch.js';
import type { FetcherOptions } from '../../src/ingest/fetch.js';
import { startTestServer } from '../support/http-server.js';
import type { TestHandler, TestServer } from '../support/http-server.js';

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
  const fetcher = createFetcher({ timeoutMs: 5000, maxBytes: 64 * 1024, maxRedirects: 5, userAgent: 'bantin/test', concurrency: 4, perHost: 2, ...overrides });
  cleanups.push(() => fetcher.close());
  return fetcher;
}

function waitForDrainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Writes `total` bytes in 16 KiB chunks, stopping if the client goes away; resolves with what happened. */
async function streamBytes(res: ServerResponse, total: number): Promise<{ sent: number; closedEarly: boolean }> {
  const chunk = Buffer.alloc(16 * 1024, 0x61);
  let sent = 0;
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  while (sent < total && !closed) {
    sent += chunk.length;
    if (!res.write(chunk)) await waitForDrainOrClose(res);
  }
  if (!closed) res.end();
  return { sent, closedEarly: closed && sent < total };
}

describe('body limit', () => {
  it('aborts a streamed body as soon as it passes maxBytes and closes the connection', async () => {
    const total = 256 * 1024 * 1024;
    let outcome: Promise<{ sent: number; closedEarly: boolean }> | undefined;
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      outcome = streamBytes(res, total);
    });
    const error = await makeFetcher({ maxBytes: 64 * 1024 }).fetch({ url: server.url }).catch((e: unknown) => e);
    expect(error).toMatchObject({ stage: 'fetch', code: 'too-large', context: { maxBytes: 64 * 1024, declared: false } });
    const seen = await outcome;
    expect(seen?.closedEarly).toBe(true);
    // Socket buffers let a few MiB through before the close lands; reading it all would send 256 MiB.
    expect(seen?.sent).toBeLessThan(total / 8);
  });

  it('rejects up front when Content-Length already exceeds maxBytes', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
      res.write('<rss>');
    });
    await expect(makeFetcher({ maxBytes: 1024 }).fetch({ url: server.url })).rejects.toMatchObject({
      code: 'too-large',
      context: { bytes: 10 * 1024 * 1024, declared: true },
    });
  });

  it('accepts a body of exactly maxBytes', async () => {
    const server = await serve((_req, res) => res.end(Buffer.alloc(1024, 0x62)));
    const result = await makeFetcher({ maxBytes: 1024 }).fetch({ url: server.url });
    expect(result.kind === 'ok' && result.body.byteLength).toBe(1024);
  });
});

describe('timeout', () => {
  it('covers a body that never finishes', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.write('<?xml version="1.0"?><rss><channel>');
    });
    await expect(makeFetcher({ timeoutMs: 300 }).fetch({ url: server.url })).rejects.toMatchObject({
      stage: 'fetch',
      code: 'timeout',
      context: { timeoutMs: 300 },
    });
  });

  it('covers a server that never answers', async () => {
    const server = await serve(() => undefined);
    await expect(makeFetcher({ timeoutMs: 300 }).fetch({ url: server.url })).rejects.toMatchObject({ code: 'timeout' });
  });
});
