// Small concurrency gates for the fetcher: one overall, one per host.

interface Gate {
  active: number;
  waiting: (() => void)[];
}

/** Runs tasks with at most `limit` of them in flight per key; idle keys are forgotten. */
export function createKeyedLimiter(limit: number): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const gates = new Map<string, Gate>();

  const acquire = (key: string): Promise<void> => {
    let gate = gates.get(key);
    if (!gate) {
      gate = { active: 0, waiting: [] };
      gates.set(key, gate);
    }
    if (gate.active < limit) {
      gate.active += 1;
      return Promise.resolve();
    }
    const queue = gate.waiting;
    return new Promise<void>((resolve) => queue.push(resolve));
  };

  const release = (key: string): void => {
    const gate = gates.get(key);
    if (!gate) return;
    const next = gate.waiting.shift();
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next) next();
    else if (--gate.active === 0) gates.delete(key);
  };

  return async <T>(key: string, task: () => Promise<T>): Promise<T> => {
    await acquire(key);
    try {
      return await task();
    } finally {
      release(key);
    }
  };
}

/** Runs tasks with at most `limit` in flight. */
export function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  const keyed = createKeyedLimiter(limit);
  return (task) => keyed('', task);
}
