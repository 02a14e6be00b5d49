// Group commit for ledger writes: callers that arrive in the same event-loop turn, or while a write is in flight,
// are written together, so N concurrent workers cost about one statement per round instead of N. Each caller still waits
// for its own row to be written, so the ledger is never behind what was handed to the mail server.

export interface WriteBatcher<T, R> {
  /** Queues one item and resolves with its result once the statement that carried it has finished. */
  write(item: T): Promise<R>;
}

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export interface WriteBatcherOptions {
  /** Most items per statement. */
  maxItems?: number;
  /**
   * How long the first item of a group waits for company (0: until the event loop's next turn). With an
   * in-process database (PGlite) a statement finishes before any socket event can run, so without that wait
   * every group would hold one item.
   */
  delayMs?: number;
}

/** Creates a batcher whose `flush` writes a group of items and returns one result per item, in order. */
export function createWriteBatcher<T, R>(flush: (items: T[]) => Promise<R[]>, options: WriteBatcherOptions = {}): WriteBatcher<T, R> {
  const { maxItems = 500, delayMs = 0 } = options;
  let queue: Waiting<T, R>[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    await new Promise((resolve) => (delayMs > 0 ? setTimeout(resolve, delayMs) : setImmediate(resolve)));
    while (queue.length > 0) {
      const group = queue.slice(0, maxItems);
      queue = queue.slice(group.length);
      try {
        const results = await flush(group.map((w) => w.item));
        group.forEach((w, i) => w.resolve(results[i]!));
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    running = false;
  };
  return {
    write(item: T): Promise<R> {
      const promise = new Promise<R>((resolve, reject) => queue.push({ item, resolve, reject }));
      if (!running) void drain();
      return promise;
    },
  };
}
