// The prune job: drop stored items older than retention.maxAge, a small batch at a time, keeping what editions link to.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { deleteOldItemsBatch, readItemLinks } from '../db/prune.repo.js';
import type { Database } from '../db/schema.js';

export interface PruneOptions {
  /** retention.maxAge from the config, in milliseconds. */
  maxAgeMs: number;
  now: Date;
  /** Items per delete statement; small batches keep locks short while polls run. Default 500. */
  batchSize?: number;
  /** Stop after this many batches (the next run carries on). Default: until done. */
  maxBatches?: number;
  /** Called after each batch, e.g. to log progress. */
  onBatch?(deleted: number): void;
}

export interface PruneResult {
  deleted: number;
  batches: number;
  cutoff: Date;
}

const DEFAULT_BATCH_SIZE = 500;

/** Deletes items published and fetched before now − maxAge, in batches, until none is left (or maxBatches). */
export async function pruneOldItems(db: Kysely<Database>, options: PruneOptions): Promise<PruneResult> {
  const cutoff = new Date(options.now.getTime() - options.maxAgeMs);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const links = await readItemLinks(db);
  let deleted = 0;
  let batches = 0;
  while (options.maxBatches === undefined || batches < options.maxBatches) {
    const count = await deleteOldItemsBatch(db, { cutoff, batchSize, links, now: options.now });
    if (count === 0) break;
    deleted += count;
    batches += 1;
    options.onBatch?.(count);
    if (count < batchSize) break;
    // Let the poll loop and HTTP requests in between batches.
    await yieldToLoop();
  }
  return { deleted, batches, cutoff };
}
