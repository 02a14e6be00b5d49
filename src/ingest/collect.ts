// Chooses how a source's items are collected: feeds are fetched and parsed, HTML sources are scraped.
import { collectFeedItems } from './collect-feed.js';
import type { CollectContext, CollectResult } from './types.js';

/** Collects a source's current items according to its type. */
export async function collectSourceItems(ctx: CollectContext): Promise<CollectResult> {
  return collectFeedItems(ctx);
}
