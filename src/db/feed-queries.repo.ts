// Read-only queries behind the published feeds and the OPML list.
import { sql, type Kysely } from 'kysely';
import type { Database, ItemRow, SourceRow } from './schema.js';

/** An item with the outlet it came from, as the feeds show it. */
export interface FeedItem {
  id: number;
  title: string;
  url: string | null;
  summary: string;
  contentHtml: string;
  author: string | null;
  imageUrl: string | null;
  categories: string[];
  publishedAt: Date;
  updatedAt: Date;
  source: { key: string; name: string; url: string; siteUrl: string | null };
}

/** A source as a feed route needs it. */
export interface FeedSource {
  id: number;
  key: string;
  name: string;
  url: string;
  siteUrl: string | null;
  enabled: boolean;
  topics: string[];
}

export interface FeedItemQuery {
  /** One source's items; without it, the items of every enabled source. */
  sourceId?: number;
  limit: number;
  /** Only items strictly older than this point in (published_at desc, id desc) order. */
  before?: { publishedAt: Date; id: number | null } | null;
}

/** The newest items, by published time then id, both descending. */
export async function listFeedItems(db: Kysely<Database>, query: FeedItemQuery): Promise<FeedItem[]> {
  let select = db
    .selectFrom('items')
    .innerJoin('sources', 'sources.id', 'items.source_id')
    .select([
      'items.id', 'items.title', 'items.url', 'items.summary', 'items.content_html', 'items.author', 'items.image_url',
      'items.categories', 'items.published_at', 'items.updated_at',
      'sources.key as source_key', 'sources.name as source_name', 'sources.url as source_url', 'sources.site_url',
    ])
    .orderBy('items.published_at', 'desc')
    .orderBy('items.id', 'desc')
    .limit(query.limit);
  select = query.sourceId === undefined ? select.where('sources.enabled', '=', true) : select.where('items.source_id', '=', query.sourceId);
  const before = query.before;
  if (before && before.id !== null) {
    select = select.where((eb) => eb(eb.refTuple('items.published_at', 'items.id'), '<', eb.tuple(before.publishedAt, before.id as number)));
  } else if (before) {
    select = select.where('items.published_at', '<', before.publishedAt);
  }
  return (await select.execute()).map(toFeedItem);
}

type FeedItemRow = Pick<
  ItemRow,
  'id' | 'title' | 'url' | 'summary' | 'content_html' | 'author' | 'image_url' | 'categories' | 'published_at' | 'updated_at'
> & { source_key: string; source_name: string; source_url: string; site_url: string | null };

function toFeedItem(row: FeedItemRow): FeedItem {
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    summary: row.summary,
    contentHtml: row.content_html,
    author: row.author,
    imageUrl: row.image_url,
    categories: row.categories,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    source: { key: row.source_key, name: row.source_name, url: row.source_url, siteUrl: row.site_url },
  };
}

/** The source with this key, enabled or not. */
export async function findFeedSource(db: Kysely<Database>, key: string): Promise<FeedSource | undefined> {
  const row = await db
    .selectFrom('sources')
    .select(['id', 'key', 'name', 'url', 'site_url', 'enabled', 'topics'])
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? toFeedSource(row) : undefined;
}

/** True when the source has stored at least one item. */
export async function hasSourceItems(db: Kysely<Database>, sourceId: number): Promise<boolean> {
  const row = await db.selectFrom('items').select('id').where('source_id', '=', sourceId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Enabled sources ordered by key (the same order on every database collation), and the newest change to any source (for Last-Modified). */
export async function listOpmlSources(db: Kysely<Database>): Promise<{ sources: FeedSource[]; updatedAt: Date | null }> {
  const rows = await db
    .selectFrom('sources')
    .select(['id', 'key', 'name', 'url', 'site_url', 'enabled', 'topics'])
    .where('enabled', '=', true)
    .orderBy('key')
    .execute();
  // Over all sources, enabled or not: disabling one changes the list, so it must move Last-Modified forward.
  const newest = await db.selectFrom('sources').select(sql<Date | null>`max(updated_at)`.as('updated_at')).executeTakeFirst();
  return { sources: rows.map(toFeedSource), updatedAt: newest?.updated_at ? new Date(newest.updated_at) : null };
}

type FeedSourceRow = Pick<SourceRow, 'id' | 'key' | 'name' | 'url' | 'site_url' | 'enabled' | 'topics'>;

function toFeedSource(row: FeedSourceRow): FeedSource {
  return { id: row.id, key: row.key, name: row.name, url: row.url, siteUrl: row.site_url, enabled: row.enabled, topics: row.topics };
}
