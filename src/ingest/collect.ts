// Chooses how a source's items are collected: feeds are fetched and parsed, HTML sources are scraped from a listing.
import { collectFeedItems } from './collect-feed.js';
import { collectHtmlSourceItems } from './html/collect-html-source.js';
import type { CollectContext, CollectResult } from './types.js';

/** Collects a source's current items according to its type. */
export async function collectSourceItems(ctx: CollectContext): Promise<CollectResult> {
  return ctx.source.type === 'html' ? collectHtmlSourceItems(ctx) : collectFeedItems(ctx);
}

/** True for a feed source whose teasers are replaced by the extracted article text. */
export function hasFullText(ctx: CollectContext): boolean {
  return ctx.source.type === 'feed' && ctx.source.settings.fullText === true;
}
