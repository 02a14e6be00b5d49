// Subscribers, editions, deliveries (migration 0003).
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed';
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface SubscribersTable {
  id: Generated<number>;
  /** Lower-cased, NFC; unique. */
  email: string;
  locale: string;
  topics: Json<string[]>;
  status: SubscriberStatus;
  /** SHA-256 of the current confirmation token; kept after use so a replay gets a clear page. */
  confirm_token_hash: string | null;
  confirm_expires_at: Timestamp | null;
  confirm_sent_at: Timestamp | null;
  /** Random value mixed into the signed preferences/unsubscribe tokens; rotating it revokes old links. */
  manage_nonce: string;
  confirmed_at: Timestamp | null;
  unsubscribed_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface EditionsTable {
  id: Generated<number>;
  /** ISO week, e.g. `2026-W48`. */
  week: string;
  timezone: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  built_at: Timestamp;
}

export interface EditionStoriesTable {
  edition_id: number;
  topic_key: string;
  rank: number;
  story_id: number;
  title: string;
  url: string | null;
  summary: string;
  outlets: Json<{ sourceKey: string; name: string; url: string | null; kind: 'government' | 'press' }[]>;
  outlet_count: number;
  has_government: boolean;
  is_update: boolean;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface DeliveriesTable {
  id: Generated<number>;
  edition_id: number;
  subscriber_id: number;
  status: DeliveryStatus;
  /** The subscriber's locale and topics (with stories) when the row was written: the content is frozen with it. */
  locale: string;
  topics: Json<string[]>;
  /** Our deterministic Message-ID. */
  message_id: string;
  attempts: Generated<number>;
  last_error: string | null;
  /** What the SMTP server answered on acceptance (its queue id), or the outbox file name. */
  smtp_response: string | null;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  locked_by: string | null;
  locked_until: Timestamp | null;
  sent_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DigestTables {
  subscribers: SubscribersTable;
  editions: EditionsTable;
  edition_stories: EditionStoriesTable;
  deliveries: DeliveriesTable;
}

export type SubscriberRow = Selectable<SubscribersTable>;
export type NewSubscriberRow = Insertable<SubscribersTable>;
export type EditionRow = Selectable<EditionsTable>;
export type EditionStoryRow = Selectable<EditionStoriesTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
