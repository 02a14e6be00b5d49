// Shared setup for the story store tests: a config with the ten default topics, real sources rows, and a
// "poll" that inserts items and runs the story hook in one transaction, as pollSource does.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { configSchema, type BantinConfig } from '../../src/config/schema.js';
import { insertItems, updateItem } from '../../src/db/items.repo.js';
import type { Database } from '../../src/db/schema.js';
import { listSourceRows, syncSources, toSource } from '../../src/db/sources.repo.js';
import type { NormalizedItem, Source, StoredItem } from '../../src/ingest/types.js';
import { assignStoriesAndTopics } from '../../src/stories/assign.js';

export const TOPIC_KEYS = ['chinh-tri', 'kinh-te', 'phap-luat', 'xa-hoi', 'the-gioi', 'giao-duc', 'suc-khoe', 'van-hoa', 'the-thao', 'cong-nghe'];

/** A config with the default topics and five sources: a government feed, two press home feeds, two section feeds. */
export function buildTestConfig(): BantinConfig {
  return configSchema.parse({
    topics: TOPIC_KEYS.map((key) => ({ key, name: { vi: key, en: key } })),
    sources: [
      { key: 'chinhphu', name: 'Báo Chính phủ', url: 'https://baochinhphu.vn/rss/home.rss', kind: 'government' },
      { key: 'vnexpress', name: 'VnExpress', url: 'https://vnexpress.net/rss/tin-moi-nhat.rss' },
      { key: 'dantri', name: 'Dân trí', url: 'https://dantri.com.vn/rss/home.rss' },
      { key: 'cafef', name: 'CafeF', url: 'https://cafef.vn/thi-truong-chung-khoan.rss', topics: ['kinh-te'] },
      { key: 'vnexpress-the-thao', name: 'VnExpress Thể thao', url: 'https://vnexpress.net/rss/the-thao.rss', topics: ['the-thao'] },
    ],
  });
}

/** Syncs the config's sources and returns them by key. */
export async function seedSources(db: Kysely<Database>, config: BantinConfig, now: Date): Promise<Record<string, Source>> {
  await syncSources(db, config, now);
  const rows = await listSourceRows(db);
  return Object.fromEntries(rows.map((row) => [row.key, toSource(row)]));
}

/** A normalized item with defaults. */
export function makeItem(fields: Partial<NormalizedItem> & { title: string; publishedAt: Date }): NormalizedItem {
  return {
    guid: null,
    url: null,
    summary: '',
    contentHtml: '',
    author: null,
    imageUrl: null,
    categories: [],
    dateMissing: false,
    ...fields,
  };
}

/** Inserts the items for a source and runs the story hook in one transaction; returns what the hook saw. */
export async function pollItems(db: Kysely<Database>, source: Source, items: NormalizedItem[], now: Date, config: BantinConfig): Promise<StoredItem[]> {
  return db.transaction().execute((trx) => storeAndAssign(trx, source, items, now, config));
}

/** The body of pollItems, for tests that hold the transaction open. */
export async function storeAndAssign(trx: Kysely<Database>, source: Source, items: NormalizedItem[], now: Date, config: BantinConfig): Promise<StoredItem[]> {
  const entries = items.map((item) => ({ identityKey: identityOf(item), contentHash: hashOf(item), item }));
  const ids = await insertItems(trx, source.id, entries, now);
  const stored: StoredItem[] = entries.map((e) => ({ id: ids.get(e.identityKey)!, sourceId: source.id, change: 'new' as const, item: e.item }));
  await assignStoriesAndTopics(trx, source, stored, now, config);
  return stored;
}

/** Rewrites a stored item in place and runs the hook for the update, as a later poll would. */
export async function pollUpdate(db: Kysely<Database>, source: Source, id: number, item: NormalizedItem, now: Date, config: BantinConfig): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await updateItem(trx, id, { identityKey: identityOf(item), contentHash: hashOf(item), item }, now);
    await assignStoriesAndTopics(trx, source, [{ id, sourceId: source.id, change: 'updated', item }], now, config);
  });
}

function identityOf(item: NormalizedItem): string {
  return item.url ? `url:${item.url}` : `hash:${hashOf({ ...item, summary: '' })}`;
}

function hashOf(item: NormalizedItem): string {
  return createHash('sha256').update(`${item.title}\n${item.summary}`).digest('hex');
}
