// Applies the three-polls permanent-redirect rule after a successful poll.
import type { Kysely } from 'kysely';
import { findRedirectState, saveRedirectState } from '../db/source-redirects.repo.js';
import type { Database } from '../db/schema.js';
import { describeRedirectNotice, trackPermanentRedirect } from './next-check.js';

/**
 * Counts this poll's permanent redirect (if any) for the source; on the third poll in a row to the same target,
 * moves polling there and records a notice telling the admin to update the config. Call it inside the poll's
 * transaction. Returns the new URL when polling moved.
 */
export async function recordRedirects(
  db: Kysely<Database>,
  source: { id: number; url: string },
  fetched: { redirects?: { url: string; status: number }[]; finalUrl: string },
  now: Date,
): Promise<{ movedTo?: string }> {
  const previous = await findRedirectState(db, source.id);
  const next = trackPermanentRedirect(previous, fetched.redirects ?? [], fetched.finalUrl);
  if (next.moveTo) {
    await saveRedirectState(db, source.id, { ...next, moveTo: next.moveTo, notice: describeRedirectNotice(source.url, next.moveTo), now });
    return { movedTo: next.moveTo };
  }
  if (next.target !== previous.target || next.streak !== previous.streak) await saveRedirectState(db, source.id, { ...next, now });
  return {};
}
