// Decides, in pure code, what a poll writes: which items are new, which changed, which are unchanged.
import type { NormalizedItem } from './types.js';

export interface IdentifiedItem {
  identityKey: string;
  contentHash: string;
  item: NormalizedItem;
}

export interface ItemWritePlan {
  inserts: IdentifiedItem[];
  updates: { id: number; entry: IdentifiedItem }[];
  unchanged: number;
}

/**
 * Splits a poll's items against what the source already stores (identity key → id and content hash). With
 * `rewriteKnown`, every known item is rewritten even when its hash is unchanged (articles fetched again on request).
 */
export function planItemWrites(
  items: IdentifiedItem[],
  known: Map<string, { id: number; contentHash: string }>,
  options: { rewriteKnown?: boolean } = {},
): ItemWritePlan {
  const plan: ItemWritePlan = { inserts: [], updates: [], unchanged: 0 };
  for (const entry of items) {
    const stored = known.get(entry.identityKey);
    if (!stored) plan.inserts.push(entry);
    else if (options.rewriteKnown || stored.contentHash !== entry.contentHash) plan.updates.push({ id: stored.id, entry });
    else plan.unchanged += 1;
  }
  return plan;
}
