import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/ingest/fetch.js';
import { createKeyedLimiter } from '../../src/ingest/fetch-limit.js';
import { startTestServer } from '../support/http-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

describe('createKeyedLimiter', () => {
  it('keeps at most `limit` tasks per key in flight and runs other keys alongside', async () => {
    const run = createKeyedLimiter(2);
    const active = new Map<string, number>();
    const peak = new Map<string, number>();
    let peakTotal = 0;
    const task = (key: string) =>
      run(key, async () => {
        active.set(key, (active.get(key) ?? 0) + 1);
        peak.set(key, Math.max(peak.get(key) ?? 0, active.get(key) ?? 0));
        peakTotal = Math.max(peakTotal, [...active.values()].reduce((a, b) => a + b, 0));
        await new Promise((resolve) => setImmediate(resolve));
        active.set(key, (active.get(key) ?? 0) - 1);
        return key;
      });
    const results = await Promise.all(['a', 'a', 'a', 'a', 'b', 'b', 'b'].map(task));
    expect(results).toEqual(['a', 'a', 'a', 'a', 'b', 'b', 'b']);
    expect(peak.get('a')).toBe(2);
    expect(peak.get('b')).toBe(2);
    expect(peakTotal).toBe(4);
  });

  it('frees the slot when a task throws', async () => {
    const run = createKeyedLimiter(1);
    await expect(run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(run('a', () => Promise.resolve(1))).resolves.toBe(1);
  });
});

/** A server that counts requests in flight per Host and holds each one until two are in flight (or holdMs passes). */
async function startCountingServer(holdMs: number) {
  const active = new Map<string, number>();
  const peak = new Map<string, number>();
  let total = 0;
  let peakTotal = 0;
  const waiters: (() => void)[] = [];
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').split(':')[0] ?? '';
    active.set(host, (active.get(host) ?? 0) + 1);
    peak.set(host, Math.max(peak.get(host) ?? 0, active.get(host) ?? 0));
    total += 1;
    peakTotal = Math.max(peakTotal, total);
    if (total >= 2) waiters.splice(0).forEach((wake) => wake());
    else await new Promise<void>((resolve) => {
      waiters.push(resolve);
      setTimeout(resolve, holdMs);
    });
    active.set(host, (active.get(host) ?? 0) - 1);
    total -= 1;
    res.end('ok');
  };
  const server = await startTestServer(handler);
  cleanups.push(() => server.close());
  return { server, peak, peakTotal: () => peakTotal };
}

describe('fetcher limits', () => {
  it('never sends two requests at once to one host with perHost=1, while two hosts run in parallel', async () => {
    // Generous hold: the barrier releases as soon as both hosts are in flight, so it only runs out when they are not.
    const { server, peak, peakTotal } = await startCountingServer(1000);
    const fetcher = createFetcher({ timeoutMs: 5000, maxBytes: 1024, maxRedirects: 5, userAgent: 'bantin/test', concurrency: 8, perHost: 1 });
    cleanups.push(() => fetcher.close());
    const urls = [1, 2, 3, 4].flatMap((n) => [`http://127.0.0.1:${server.port}/${n}`, `http://localhost:${server.port}/${n}`]);
    const results = await Promise.all(urls.map((url) => fetcher.fetch({ url })));
    expect(results.every((result) => result.kind === 'ok')).toBe(true);
    expect(peak.get('127.0.0.1')).toBe(1);
    expect(peak.get('localhost')).toBe(1);
    expect(peakTotal()).toBe(2);
  });

  it('holds the overall concurrency limit across hosts', async () => {
    const { server, peakTotal } = await startCountingServer(100);
    const fetcher = createFetcher({ timeoutMs: 5000, maxBytes: 1024, maxRedirects: 5, userAgent: 'bantin/test', concurrency: 1, perHost: 4 });
    cleanups.push(() => fetcher.close());
    const urls = [`http://127.0.0.1:${server.port}/a`, `http://localhost:${server.port}/b`];
    await Promise.all(urls.map((url) => fetcher.fetch({ url })));
    expect(peakTotal()).toBe(1);
  });
});
