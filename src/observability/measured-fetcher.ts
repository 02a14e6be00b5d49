// Times every fetch into bantin_fetch_duration_seconds, so the poll pipeline needs no timing code of its own.
import type { Fetcher, FetchRequest, FetchResult } from '../ingest/types.js';
import type { BantinMetrics } from './metrics.js';

/** Wraps a fetcher so each request's duration is observed with its outcome (success, not-modified, error). */
export function createMeasuredFetcher(inner: Fetcher, metrics: BantinMetrics, clock: () => number = () => performance.now()): Fetcher {
  return {
    async fetch(request: FetchRequest): Promise<FetchResult> {
      const started = clock();
      const seconds = () => Math.max(0, (clock() - started) / 1000);
      try {
        const result = await inner.fetch(request);
        metrics.fetchDuration.observe({ outcome: result.kind === 'ok' ? 'success' : 'not-modified' }, seconds());
        return result;
      } catch (error) {
        metrics.fetchDuration.observe({ outcome: 'error' }, seconds());
        throw error;
      }
    },
  };
}
