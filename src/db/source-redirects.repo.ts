// The permanent-redirect state of a source, and moving its polling to a new URL.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The redirect target seen on the last polls and how many polls in a row saw it. */
export async function findRedirectState(db: Kysely<Database>, sourceId: number): Promise<{ target: string | null; streak: number }> {
  const row = await db.selectFrom('sources').select(['redirect_target', 'redirect_streak']).where('id', '=', sourceId).executeTakeFirst();
  return { target: row?.redirect_target ?? null, streak: row?.redirect_streak ?? 0 };
}

/** Stores the redirect state; with `moveTo`, polls that URL from now on (fresh validators) and leaves `notice` for the admin. */
export async function saveRedirectState(
  db: Kysely<Database>,
  sourceId: number,
  update: { target: string | null; streak: number; moveTo?: string; notice?: string; now: Date },
): Promise<void> {
  await db
    .updateTable('sources')
    .set({
      redirect_target: update.target,
      redirect_streak: update.streak,
      ...(update.moveTo ? { fetch_url: update.moveTo, etag: null, last_modified: null } : {}),
      ...(update.notice ? { notice: update.notice, notice_at: update.now } : {}),
    })
    .where('id', '=', sourceId)
    .execute();
}
