// Identity within one source: which stored item a fetched item is, and whether it changed.
import { createHash } from 'node:crypto';
import { foldText } from '../text/fold.js';
import type { NormalizedItem } from './types.js';

export interface ItemIdentity {
  /** `guid:<guid>`, else `url:<canonical url>`, else `hash:<sha256 of folded title and date>`. */
  identityKey: string;
  /** sha256 over every stored field; equal hashes mean nothing to update. */
  contentHash: string;
}

/** Computes an item's identity key within its source and the hash of its stored fields. */
export function identifyItem(item: NormalizedItem): ItemIdentity {
  return { identityKey: buildIdentityKey(item), contentHash: hashItemContent(item) };
}

/**
 * Keeps the first of the entries that share an identity key (feeds repeat items), in feed order.
 * Takes identified entries (`{ identityKey, … }`) or bare normalized items.
 */
export function dedupeWithinFeed<T extends { identityKey: string } | NormalizedItem>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = 'identityKey' in item ? item.identityKey : buildIdentityKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The identity key alone: guid, else canonical URL, else a hash of the folded title and the date. */
export function buildIdentityKey(item: NormalizedItem): string {
  if (item.guid !== null && item.guid !== '') return `guid:${item.guid}`;
  if (item.url !== null && item.url !== '') return `url:${item.url}`;
  // A stand-in date (the fetch time) changes on every poll, so it must not enter the key;
  // an item with no title is told apart by its summary instead.
  const label = item.title !== '' ? item.title : item.summary;
  const date = item.dateMissing ? '' : item.publishedAt.toISOString();
  return `hash:${sha256(`${foldText(label)}\n${date}`)}`;
}

/** sha256 (hex) over the stored fields; publishedAt counts only when the feed gave it. */
export function hashItemContent(item: NormalizedItem): string {
  const fields = [
    item.title,
    item.url,
    item.summary,
    item.contentHtml,
    item.author,
    item.imageUrl,
    item.categories,
    item.dateMissing ? null : item.publishedAt.toISOString(),
  ];
  return sha256(JSON.stringify(fields));
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
