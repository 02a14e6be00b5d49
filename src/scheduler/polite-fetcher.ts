// Per-host politeness across instances: a fetch first takes one of the host's shared slots in Postgres.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { acquireHostSlot, releaseHostSlot } from '../db/host-slots.repo.js';
import type { Database } from '../db/schema.js';
import type { Fetcher, FetchRequest, FetchResult } from '../ingest/types.js';

export interface PoliteFetcherOptions {
  db: Kysely<Database>;
  instanceId: string;
  /** config.poll.perHost: requests one host gets at once from all instances together. */
  perHost: number;
  /** How long a slot stays held if its holder dies mid-fetch; longer than the fetch timeout. */
  leaseMs: number;
  /** Wait between two tries for a busy host. Default 200 ms. */
  retryMs?: number;
  clock?: () => Date;
}

/**
 * Wraps a fetcher so that every instance together sends at most `perHost` requests at a time to one host (the
 * request URL's host; redirect hops are not counted separately). The in-process limiter of the inner fetcher
 * still applies on top.
 */
export function createPoliteFetcher(inner: Fetcher, options: PoliteFetcherOptions): Fetcher {
  const clock = options.clock ?? (() => new Date());
  return {
    async fetch(request: FetchRequest): Promise<FetchResult> {
      const host = readHost(request.url);
      if (host === null) return inner.fetch(request);
      const claim = { host, instanceId: options.instanceId, perHost: options.perHost, leaseMs: options.leaseMs };
      let slot = await acquireHostSlot(options.db, { ...claim, now: clock() });
      while (slot === null) {
        await sleep(options.retryMs ?? 200);
        slot = await acquireHostSlot(options.db, { ...claim, now: clock() });
      }
      try {
        return await inner.fetch(request);
      } finally {
        // A failed release only delays the slot until its lease ends.
        await releaseHostSlot(options.db, { host, slot, instanceId: options.instanceId }).catch(() => undefined);
      }
    },
  };
}

function readHost(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase() || null;
  } catch {
    return null;
  }
}
