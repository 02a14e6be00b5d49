import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stories')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('lead_item_id', 'integer', (c) => c.references('items.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stories_first_seen_idx').on('stories').columns(['first_seen_at desc', 'id desc']).execute();

  await db.schema
    .createTable('story_items')
    .addColumn('item_id', 'integer', (c) => c.primaryKey().references('items.id').onDelete('cascade'))
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('url_key', 'text')
    .addColumn('title_key', 'text', (c) => c.notNull())
    .addColumn('body_key', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addColumn('is_government', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('join_reason', 'text', (c) => c.notNull())
    .addColumn('similarity', 'real')
    .addColumn('matched_item_id', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('story_items_story_idx').on('story_items').columns(['story_id', 'published_at']).execute();
  await db.schema.createIndex('story_items_url_idx').on('story_items').column('url_key').execute();
  await db.schema.createIndex('story_items_title_idx').on('story_items').columns(['title_key', 'published_at']).execute();

  // The LSH index: one row per (item, band). Candidate lookup is an equality match on (band, hash) bounded by
  // the story window on published_at, so its cost depends on the bucket size, not on how many items are stored.
  await db.schema
    .createTable('story_bands')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('band', 'smallint', (c) => c.notNull())
    .addColumn('hash', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_bands_pk', ['item_id', 'band'])
    .execute();
  await db.schema.createIndex('story_bands_lookup_idx').on('story_bands').columns(['band', 'hash', 'published_at']).execute();

  await db.schema
    .createTable('item_topics')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('topic_key', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addPrimaryKeyConstraint('item_topics_pk', ['item_id', 'topic_key'])
    .execute();

  await db.schema
    .createTable('story_topics')
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('topic_key', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_topics_pk', ['story_id', 'topic_key'])
    .execute();
  await db.schema.createIndex('story_topics_feed_idx').on('story_topics').columns(['topic_key', 'first_seen_at desc', 'story_id desc']).execute();

  await db.schema
    .createTable('topic_models')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('trained_at', 'timestamptz', (c) => c.notNull())
    .addColumn('doc_count', 'integer', (c) => c.notNull())
    .addColumn('model', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['topic_models', 'story_topics', 'item_topics', 'story_bands', 'story_items', 'stories']) {
    await db.schema.dropTable(table).execute();
  }
}
