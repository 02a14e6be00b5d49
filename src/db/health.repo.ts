// The database check behind /healthz.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Runs `select 1`; rejects when the database cannot answer. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
