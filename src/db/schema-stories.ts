// Stories, story membership, the LSH band index, topics and the classifier (migration 0002).
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface StoriesTable {
  id: Generated<number>;
  /** The government item if any, else the earliest; null only while the lead's item is being pruned. */
  lead_item_id: number | null;
  title: string;
  url: string | null;
  summary: string;
  /** Earliest and latest publication time among the story's items. */
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  item_count: number;
  source_count: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface StoryItemsTable {
  /** One story per item: the primary key makes a second assignment impossible. */
  item_id: number;
  story_id: number;
  source_id: number;
  url_key: string | null;
  /** Folded syllables of the cleaned title / lede, space-separated: what later items are compared with. */
  title_key: string;
  body_key: string;
  /** Proper names of the cleaned title, folded, '|'-separated (the look-alike veto). */
  names_key: Generated<string>;
  dates_key: Generated<string>;
  published_at: Timestamp;
  is_government: boolean;
  /** 'new', 'same-url', 'same-title' or 'similar'. */
  join_reason: string;
  similarity: number | null;
  matched_item_id: number | null;
  created_at: CreatedAt;
}

export interface StoryBandsTable {
  item_id: number;
  band: number;
  hash: number;
  published_at: Timestamp;
}

export interface StoryTopicsTable {
  story_id: number;
  topic_key: string;
  score: number;
  reason: string;
  /** Copied from the story so a topic feed pages on one index. */
  first_seen_at: Timestamp;
}

export interface ItemTopicsTable {
  item_id: number;
  topic_key: string;
  score: number;
  reasons: Json<string[]>;
}

export interface TopicModelsTable {
  id: Generated<number>;
  trained_at: Timestamp;
  doc_count: number;
  model: Json<unknown>;
  created_at: CreatedAt;
}

export interface StoryTables {
  stories: StoriesTable;
  story_items: StoryItemsTable;
  story_bands: StoryBandsTable;
  story_topics: StoryTopicsTable;
  item_topics: ItemTopicsTable;
  topic_models: TopicModelsTable;
}

export type StoryRow = Selectable<StoriesTable>;
export type StoryItemRow = Selectable<StoryItemsTable>;
