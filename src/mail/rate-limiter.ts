// Paces sends to at most `rate` messages per second across every worker of one sender: each grant reserves the
// next slot 1/rate seconds after the previous one, and an idle limiter grants at once (no saved-up burst).

export interface RateLimiter {
  /** Reserves the next slot and returns how many milliseconds the caller must wait for it. */
  reserve(nowMs: number): number;
  /** Resolves when the caller may send one message. */
  acquire(): Promise<void>;
}

/** Creates a limiter for `rate` messages per second. */
export function createRateLimiter(rate: number, clock: () => number = () => performance.now()): RateLimiter {
  const interval = 1000 / rate;
  let nextSlot = Number.NEGATIVE_INFINITY;
  const reserve = (nowMs: number) => {
    nextSlot = Math.max(nextSlot + interval, nowMs);
    return nextSlot - nowMs;
  };
  return {
    reserve,
    acquire() {
      const wait = reserve(clock());
      return wait <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}
