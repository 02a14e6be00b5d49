import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfiguredFetcher } from '../../src/cli/runtime.js';
import { configSchema } from '../../src/config/schema.js';
import { readSettings } from '../../src/config/settings.js';
import { createMeasuredFetcher } from '../../src/observability/measured-fetcher.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { startTestServer, type TestServer } from '../support/http-server.js';
import { parsePrometheusText } from '../support/prometheus-text.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((req, res) => {
    if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
    if (req.url === '/down') return void res.writeHead(500).end();
    res.writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml' }).end('<rss/>');
  });
});
afterAll(async () => server.close());

describe('createMeasuredFetcher', () => {
  it('observes each fetch under its outcome, with the time the injected clock measured', async () => {
    const metrics = createMetrics();
    const inner = createConfiguredFetcher(readSettings({}), configSchema.parse({}));
    let tick = 0;
    const fetcher = createMeasuredFetcher(inner, metrics, () => (tick += 1500));
    try {
      await fetcher.fetch({ url: `${server.url}/feed`, allowPrivateNetwork: true });
      await fetcher.fetch({ url: `${server.url}/feed`, etag: '"v1"', allowPrivateNetwork: true });
      await expect(fetcher.fetch({ url: `${server.url}/down`, allowPrivateNetwork: true })).rejects.toThrow(/^fetch: 500/);
    } finally {
      await inner.close();
    }
    const { samples } = parsePrometheusText(await metrics.registry.metrics());
    const count = (outcome: string) => samples.find((s) => s.name === 'bantin_fetch_duration_seconds_count' && s.labels.outcome === outcome)?.value;
    const sum = (outcome: string) => samples.find((s) => s.name === 'bantin_fetch_duration_seconds_sum' && s.labels.outcome === outcome)?.value;
    expect([count('success'), count('not-modified'), count('error')]).toEqual([1, 1, 1]);
    expect(sum('success')).toBe(1.5);
  });
});
