// Per-client rate limiting for POST /subscribe: an in-memory token bucket per client address. It is per process
// (each instance limits on its own) and keyed by the socket's address; behind a reverse proxy every client shares
// the proxy's address, so the proxy should limit too.

export interface RateLimitOptions {
  /** Requests a client may make in a burst. */
  capacity: number;
  /** Tokens given back per minute. */
  refillPerMinute: number;
  /** Clients remembered at most (the oldest are forgotten first). */
  maxClients?: number;
}

export interface ClientRateLimiter {
  /** Takes one token for the client; false when the client must wait. */
  tryTake(client: string, nowMs: number): boolean;
}

/** Creates a limiter with its own buckets. */
export function createClientRateLimiter(options: RateLimitOptions): ClientRateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const maxClients = options.maxClients ?? 10_000;
  const perMs = options.refillPerMinute / 60_000;
  return {
    tryTake(client, nowMs) {
      const bucket = buckets.get(client) ?? { tokens: options.capacity, at: nowMs };
      bucket.tokens = Math.min(options.capacity, bucket.tokens + (nowMs - bucket.at) * perMs);
      bucket.at = nowMs;
      // Re-inserting keeps the Map in least-recently-seen order for the eviction below.
      buckets.delete(client);
      buckets.set(client, bucket);
      if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value!);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
