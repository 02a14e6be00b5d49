// The delivery ledger: one row per (edition, subscriber), written before any mail is sent.
// Claims take a lease on `pending` rows (FOR UPDATE SKIP LOCKED); a row turns `sending` just before its message
// is handed to the transport, so after a crash only rows in `sending` are in doubt.
import { sql, type Kysely } from 'kysely';
import type { DeliveryStatus } from './schema-digest.js';
import type { Database } from './schema.js';

export interface NewDelivery {
  editionId: number;
  subscriberId: number;
  locale: string;
  topics: string[];
  messageId: string;
}

export interface ClaimedDelivery {
  id: number;
  subscriberId: number;
  email: string;
  subscriberStatus: string;
  manageNonce: string;
  locale: string;
  topics: string[];
  messageId: string;
  attempts: number;
}

export const INTERRUPTED_ERROR =
  'mail: interrupted while the message was being handed to the mail server; not resent so that nobody gets it twice (`bantin digest retry` resends)';

/** Writes ledger rows; existing (edition, subscriber) rows are left as they are. Returns how many were new. */
export async function insertDeliveries(db: Kysely<Database>, rows: readonly NewDelivery[], now: Date): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000).map((r) => ({
      edition_id: r.editionId,
      subscriber_id: r.subscriberId,
      status: 'pending' as const,
      locale: r.locale,
      topics: JSON.stringify(r.topics),
      message_id: r.messageId,
      next_attempt_at: now,
      updated_at: now,
    }));
    const result = await db
      .insertInto('deliveries')
      .values(chunk)
      .onConflict((oc) => oc.columns(['edition_id', 'subscriber_id']).doNothing())
      .returning('id')
      .execute();
    inserted += result.length;
  }
  return inserted;
}

/** Claims up to `limit` due pending rows for `workerId` until `leaseUntil`, skipping rows other senders hold. */
export async function claimDeliveries(
  db: Kysely<Database>,
  claim: { editionId: number; workerId: string; limit: number; now: Date; leaseUntil: Date },
): Promise<ClaimedDelivery[]> {
  const { rows } = await sql<ClaimedDelivery>`
    with claimed as (
      update deliveries set locked_by = ${claim.workerId}, locked_until = ${claim.leaseUntil}, updated_at = ${claim.now}
      where id in (
        select id from deliveries
        where edition_id = ${claim.editionId} and status = 'pending' and next_attempt_at <= ${claim.now}
          and (locked_until is null or locked_until < ${claim.now})
        order by id
        limit ${claim.limit}
        for update skip locked
      )
      returning id, subscriber_id, locale, topics, message_id, attempts
    )
    select claimed.id, claimed.subscriber_id as "subscriberId", s.email, s.status as "subscriberStatus",
      s.manage_nonce as "manageNonce", claimed.locale, claimed.topics, claimed.message_id as "messageId", claimed.attempts
    from claimed join subscribers s on s.id = claimed.subscriber_id
    order by claimed.id`.execute(db);
  return rows;
}

/**
 * Moves claimed rows to `sending` (one more attempt each) in one statement; returns the ids this worker still held.
 * Only rows whose messages are about to be handed over are passed, so a crash leaves no more rows in doubt.
 */
export async function markDeliveriesSending(db: Kysely<Database>, ids: readonly number[], workerId: string, now: Date, leaseUntil: Date): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    update deliveries set status = 'sending', attempts = attempts + 1, locked_until = ${leaseUntil}, updated_at = ${now}
    where id = any(${[...ids]}::int[]) and status = 'pending' and locked_by = ${workerId}
    returning id`.execute(db);
  return rows.map((row) => row.id);
}

/** Records the server's acceptance of several messages in one statement. */
export async function markDeliveriesSent(db: Kysely<Database>, results: readonly { id: number; response: string }[], now: Date): Promise<void> {
  await sql`
    update deliveries d set status = 'sent', smtp_response = r.response, last_error = null, sent_at = ${now},
      locked_by = null, locked_until = null, updated_at = ${now}
    from unnest(${results.map((r) => r.id)}::int[], ${results.map((r) => r.response)}::text[]) as r(id, response)
    where d.id = r.id and d.status = 'sending'`.execute(db);
}

/** Puts a row back to `pending` with its error, to be tried again at `nextAttemptAt`. */
export async function markDeliveryRetry(db: Kysely<Database>, id: number, error: string, nextAttemptAt: Date, now: Date): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'pending', last_error: error, next_attempt_at: nextAttemptAt, locked_by: null, locked_until: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** Ends a row as `failed` (permanent error or attempts used up) or `skipped` (nobody to send to any more). */
export async function markDeliveryFinal(db: Kysely<Database>, id: number, status: 'failed' | 'skipped', error: string, now: Date): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status, last_error: error, locked_by: null, locked_until: null, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'sending'])
    .execute();
}

/** Gives back claimed rows this worker has not started (after an abort). */
export async function releaseDeliveryClaims(db: Kysely<Database>, editionId: number, workerId: string, now: Date): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ locked_by: null, locked_until: null, updated_at: now })
    .where('edition_id', '=', editionId)
    .where('status', '=', 'pending')
    .where('locked_by', '=', workerId)
    .execute();
}

/** `sending` rows whose lease ran out: their sender died while the server had the message. Marked failed. */
export async function failInterruptedDeliveries(db: Kysely<Database>, editionId: number, now: Date): Promise<number> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'failed', last_error: INTERRUPTED_ERROR, locked_by: null, locked_until: null, updated_at: now })
    .where('edition_id', '=', editionId)
    .where('status', '=', 'sending')
    .where('locked_until', '<', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * When the ledger of an edition may next need this sender: the earliest retry time or lease end among rows still
 * pending or sending; null when every row is settled.
 */
export async function findNextDeliveryWake(db: Kysely<Database>, editionId: number): Promise<Date | null> {
  const row = await db
    .selectFrom('deliveries')
    .select(
      sql<Date | null>`min(case when status = 'pending' then greatest(next_attempt_at, coalesce(locked_until, next_attempt_at)) else locked_until end)`.as('wake'),
    )
    .where('edition_id', '=', editionId)
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return row?.wake ? new Date(row.wake) : null;
}

/** Row counts per state for one edition (every state present, zero when none). */
export async function countDeliveriesByStatus(db: Kysely<Database>, editionId: number): Promise<Record<DeliveryStatus, number>> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('edition_id', '=', editionId)
    .groupBy('status')
    .execute();
  const counts: Record<DeliveryStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** The rows of one edition that failed, with their errors (for `digest status --failed`). */
export async function listFailedDeliveries(db: Kysely<Database>, editionId: number, limit = 100): Promise<{ email: string; attempts: number; lastError: string | null }[]> {
  return db
    .selectFrom('deliveries')
    .innerJoin('subscribers', 'subscribers.id', 'deliveries.subscriber_id')
    .select(['subscribers.email as email', 'deliveries.attempts as attempts', 'deliveries.last_error as lastError'])
    .where('deliveries.edition_id', '=', editionId)
    .where('deliveries.status', '=', 'failed')
    .orderBy('deliveries.id')
    .limit(limit)
    .execute();
}

/** Puts failed rows of an edition back to pending with fresh attempts (admin `digest retry`). */
export async function requeueFailedDeliveries(db: Kysely<Database>, editionId: number, now: Date): Promise<number> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, locked_by: null, locked_until: null, updated_at: now })
    .where('edition_id', '=', editionId)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
