import type { Kysely } from 'kysely';

// The day/month dates each story member's title and lede mention, evidence for the pair score (a rewrite keeps the
// date of the report; Monday's and Wednesday's look-alikes differ in it). Rows clustered before this migration have
// '' and count as mentioning no date.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('story_items').addColumn('dates_key', 'text', (c) => c.notNull().defaultTo('')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('story_items').dropColumn('dates_key').execute();
}
