// Items: the known-identity lookup (one query per poll) and the writes a poll decided on.
import type { Kysely } from 'kysely';
import type { IdentifiedItem } from '../ingest/plan-item-writes.js';
import type { NormalizedItem } from '../ingest/types.js';
import type { Database, NewItemRow } from './schema.js';

export interface KnownItem {
  id: number;
  contentHash: string;
}

/** The stored items of a source among these identity keys, by key. */
export async function findKnownItems(db: Kysely<Database>, sourceId: number, identityKeys: string[]): Promise<Map<string, KnownItem>> {
  if (identityKeys.length === 0) return new Map();
  const rows = await db
    .selectFrom('items')
    .select(['id', 'identity_key', 'content_hash'])
    .where('source_id', '=', sourceId)
    .where('identity_key', 'in', identityKeys)
    .execute();
  return new Map(rows.map((row) => [row.identity_key, { id: row.id, contentHash: row.content_hash }]));
}

/** Which of these canonical URLs the source already has. */
export async function findKnownUrls(db: Kysely<Database>, sourceId: number, urls: string[]): Promise<Set<string>> {
  if (urls.length === 0) return new Set();
  const rows = await db.selectFrom('items').select('url').where('source_id', '=', sourceId).where('url', 'in', urls).execute();
  return new Set(rows.map((row) => row.url).filter((url): url is string => url !== null));
}

/** Inserts new items; an item another instance inserted meanwhile is skipped, never duplicated. Returns ids by key. */
export async function insertItems(db: Kysely<Database>, sourceId: number, items: IdentifiedItem[], now: Date): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  // Batches keep each statement's parameter count well under Postgres's 65,535 limit.
  for (let start = 0; start < items.length; start += 500) {
    const rows = await db
      .insertInto('items')
      .values(items.slice(start, start + 500).map((entry) => toItemRow(sourceId, entry, now)))
      .onConflict((oc) => oc.columns(['source_id', 'identity_key']).doNothing())
      .returning(['id', 'identity_key'])
      .execute();
    for (const row of rows) ids.set(row.identity_key, row.id);
  }
  return ids;
}

/**
 * Rewrites an item whose content changed, keeping its id (and so its story). With `keepArticle`, the stored body,
 * author and image (extracted from the article page) stay and only the feed's fields change.
 */
export async function updateItem(db: Kysely<Database>, id: number, entry: IdentifiedItem, now: Date, options: { keepArticle?: boolean } = {}): Promise<void> {
  const { source_id: _sourceId, identity_key: _key, fetched_at: _fetchedAt, ...fields } = toItemRow(0, entry, now);
  if (options.keepArticle) {
    const { content_html: _content, author: _author, image_url: _image, ...feedFields } = fields;
    await db.updateTable('items').set(feedFields).where('id', '=', id).execute();
    return;
  }
  await db.updateTable('items').set(fields).where('id', '=', id).execute();
}

function toItemRow(sourceId: number, entry: IdentifiedItem, now: Date): NewItemRow {
  const item: NormalizedItem = entry.item;
  return {
    source_id: sourceId,
    identity_key: entry.identityKey,
    guid: item.guid,
    url: item.url,
    title: item.title,
    summary: item.summary,
    content_html: item.contentHtml,
    author: item.author,
    image_url: item.imageUrl,
    categories: JSON.stringify(item.categories),
    published_at: item.publishedAt,
    date_missing: item.dateMissing,
    content_hash: entry.contentHash,
    fetched_at: now,
    updated_at: now,
  };
}
