// Paces sends to at most `rate` messages per second across every worker of one sender.

export interface RateLimiter {
  /** Resolves when the caller may send one message. */
  acquire(): Promise<void>;
}

/** A limiter that spaces grants 1/rate seconds apart, with a small burst allowance of one second's worth. */
export function createRateLimiter(rate: number, clock: () => number = () => performance.now()): RateLimiter {
  const interval = 1000 / rate;
  const burst = Math.max(1, Math.floor(rate));
  let nextSlot = clock() - burst * interval;
  return {
    acquire() {
      const now = clock();
      nextSlot = Math.max(nextSlot + interval, now - burst * interval + interval);
      const wait = nextSlot - now;
      return wait <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}
