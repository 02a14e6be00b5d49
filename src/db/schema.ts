// Table types for Kysely. Row → domain mapping lives beside each repository.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DigestTables } from './schema-digest.js';
import type { HtmlSourceTables } from './schema-html.js';
import type { SchedulingTables } from './schema-scheduling.js';
import type { StoryTables } from './schema-stories.js';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** jsonb: always written as a JSON string (PGlite and pg disagree on raw arrays). */
export type Json<T> = ColumnType<T, string, string>;

export interface SourcesTable {
  id: Generated<number>;
  key: string;
  name: string;
  /** URL from the config. */
  url: string;
  /** URL actually polled (differs from `url` after a confirmed permanent redirect). */
  fetch_url: string;
  kind: string;
  type: string;
  topics: Json<string[]>;
  /** The source's config entry as last synced (selectors, fullText, ...). */
  settings: Json<Record<string, unknown>>;
  timezone: string;
  interval_seconds: number;
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  site_url: string | null;
  feed_title: string | null;
  etag: string | null;
  last_modified: string | null;
  final_url: string | null;
  last_polled_at: Timestamp | null;
  last_success_at: Timestamp | null;
  last_new_item_at: Timestamp | null;
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_at: Timestamp | null;
  /** Errors since the source was created. */
  error_count: Generated<number>;
  /** Errors since the last success. */
  error_streak: Generated<number>;
  next_check_at: ColumnType<Date, Date | string | undefined, Date | string>;
  locked_until: Timestamp | null;
  locked_by: string | null;
  /** Where the last polls were permanently redirected, and how many polls in a row (migration 0005). */
  redirect_target: string | null;
  redirect_streak: Generated<number>;
  /** Something the admin should act on, e.g. "moved permanently: update the config" (migration 0005). */
  notice: string | null;
  notice_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ItemsTable {
  id: Generated<number>;
  source_id: number;
  /** `guid:…`, `url:…` or `hash:…`: what makes an item the same item within its source. */
  identity_key: string;
  guid: string | null;
  url: string | null;
  title: string;
  summary: string;
  content_html: string;
  author: string | null;
  image_url: string | null;
  categories: Json<string[]>;
  published_at: Timestamp;
  date_missing: boolean;
  /** Hash of the stored fields; a change means the item is updated in place. */
  content_hash: string;
  fetched_at: Timestamp;
  updated_at: Timestamp;
}

export interface CoreTables {
  sources: SourcesTable;
  items: ItemsTable;
}

/** Every table. Each feature keeps its table types in its own schema-*.ts file. */
export interface Database extends CoreTables, StoryTables, DigestTables, HtmlSourceTables, SchedulingTables {}

export type SourceRow = Selectable<SourcesTable>;
export type NewSourceRow = Insertable<SourcesTable>;
export type SourceUpdate = Updateable<SourcesTable>;
export type ItemRow = Selectable<ItemsTable>;
export type NewItemRow = Insertable<ItemsTable>;
