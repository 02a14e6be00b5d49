import { describe, expect, it } from 'vitest';
import { createWriteBatcher } from '../../src/digest/write-batcher.js';

describe('createWriteBatcher', () => {
  it('writes callers of the same turn in one group and hands each its own result', async () => {
    const groups: number[][] = [];
    const batcher = createWriteBatcher<number, number>(async (items) => {
      groups.push(items);
      return items.map((n) => n * 10);
    });
    expect(await Promise.all([1, 2, 3].map((n) => batcher.write(n)))).toEqual([10, 20, 30]);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it('gathers the callers that arrive while a write is in flight into the next group', async () => {
    const groups: number[][] = [];
    let release: () => void = () => {};
    const batcher = createWriteBatcher<number, void>(async (items) => {
      groups.push(items);
      if (groups.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map(() => undefined);
    });
    const first = batcher.write(1);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const later = [batcher.write(2), batcher.write(3)];
    release();
    await Promise.all([first, ...later]);
    expect(groups).toEqual([[1], [2, 3]]);
  });

  it('rejects every caller of a failed group and keeps working afterwards', async () => {
    let fail = true;
    const batcher = createWriteBatcher<number, number>(async (items) => {
      if (fail) throw new Error('db: connection lost');
      return items;
    }, { maxItems: 2 });
    const results = await Promise.allSettled([batcher.write(1), batcher.write(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await Promise.all([batcher.write(3), batcher.write(4), batcher.write(5)])).toEqual([3, 4, 5]);
  });
});
