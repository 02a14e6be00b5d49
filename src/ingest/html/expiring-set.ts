// A bounded in-memory set whose entries expire: remembers article URLs that were not articles, per process,
// so one odd link on a listing is not fetched again on every poll.

export interface ExpiringSet {
  has(key: string, now: Date): boolean;
  add(key: string, now: Date): void;
}

/** Creates a set whose entries live `ttlMs`; past `maxEntries` the oldest entry is evicted. */
export function createExpiringSet(ttlMs: number, maxEntries: number): ExpiringSet {
  const expiries = new Map<string, number>();
  return {
    has(key, now) {
      const expiry = expiries.get(key);
      if (expiry === undefined) return false;
      if (expiry > now.getTime()) return true;
      expiries.delete(key);
      return false;
    },
    add(key, now) {
      expiries.delete(key);
      expiries.set(key, now.getTime() + ttlMs);
      // Maps iterate in insertion order, so the first key is the oldest.
      if (expiries.size > maxEntries) expiries.delete(expiries.keys().next().value as string);
    },
  };
}
