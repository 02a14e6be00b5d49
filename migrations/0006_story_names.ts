import type { Kysely } from 'kysely';

// The proper names of each story member's title, for the look-alike veto (different names, different story).
// Rows clustered before this migration have '' and simply never veto on names.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('story_items').addColumn('names_key', 'text', (c) => c.notNull().defaultTo('')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('story_items').dropColumn('names_key').execute();
}
