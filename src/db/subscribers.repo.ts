// Subscriber rows. Decisions (who gets a confirmation, what a token may do) live in src/subscribers/.
import type { Kysely, Selectable } from 'kysely';
import type { Subscriber } from '../subscribers/types.js';
import type { SubscriberStatus, SubscribersTable } from './schema-digest.js';
import type { Database } from './schema.js';

export interface PendingSubscriberInput {
  email: string;
  locale: string;
  topics: string[];
  confirmTokenHash: string;
  confirmExpiresAt: Date;
  manageNonce: string;
  now: Date;
}

/** Maps a row to the domain type. */
export function toSubscriber(row: Selectable<SubscribersTable>): Subscriber {
  return {
    id: row.id,
    email: row.email,
    locale: row.locale === 'en' ? 'en' : 'vi',
    topics: row.topics,
    status: row.status,
    manageNonce: row.manage_nonce,
    confirmExpiresAt: row.confirm_expires_at,
    confirmSentAt: row.confirm_sent_at,
    confirmedAt: row.confirmed_at,
    unsubscribedAt: row.unsubscribed_at,
    createdAt: row.created_at,
  };
}

/** The subscriber with this (normalized) address; `lock` takes a row lock inside a transaction. */
export async function findSubscriberByEmail(db: Kysely<Database>, email: string, lock = false): Promise<Subscriber | null> {
  let query = db.selectFrom('subscribers').selectAll().where('email', '=', email);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toSubscriber(row) : null;
}

/** The subscriber with this id. */
export async function findSubscriberById(db: Kysely<Database>, id: number): Promise<Subscriber | null> {
  const row = await db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSubscriber(row) : null;
}

/** The subscriber whose current confirmation token has this hash. */
export async function findSubscriberByConfirmHash(db: Kysely<Database>, hash: string): Promise<Subscriber | null> {
  const row = await db.selectFrom('subscribers').selectAll().where('confirm_token_hash', '=', hash).executeTakeFirst();
  return row ? toSubscriber(row) : null;
}

/** Inserts a new pending subscriber; returns null when the address already exists (a concurrent request won). */
export async function insertPendingSubscriber(db: Kysely<Database>, input: PendingSubscriberInput): Promise<Subscriber | null> {
  const row = await db
    .insertInto('subscribers')
    .values({
      email: input.email,
      locale: input.locale,
      topics: JSON.stringify(input.topics),
      status: 'pending',
      confirm_token_hash: input.confirmTokenHash,
      confirm_expires_at: input.confirmExpiresAt,
      confirm_sent_at: input.now,
      manage_nonce: input.manageNonce,
      updated_at: input.now,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toSubscriber(row) : null;
}

/** Puts an existing pending or unsubscribed address (back) into pending with a new confirmation token. */
export async function resetPendingSubscriber(db: Kysely<Database>, id: number, input: Omit<PendingSubscriberInput, 'email' | 'manageNonce'>): Promise<void> {
  await db
    .updateTable('subscribers')
    .set({
      status: 'pending',
      locale: input.locale,
      topics: JSON.stringify(input.topics),
      confirm_token_hash: input.confirmTokenHash,
      confirm_expires_at: input.confirmExpiresAt,
      confirm_sent_at: input.now,
      updated_at: input.now,
    })
    .where('id', '=', id)
    .where('status', '!=', 'confirmed')
    .execute();
}

/** Records that a notice went to this address (used to throttle repeated requests). */
export async function touchConfirmSentAt(db: Kysely<Database>, id: number, now: Date): Promise<void> {
  await db.updateTable('subscribers').set({ confirm_sent_at: now }).where('id', '=', id).execute();
}

/** Marks a pending subscriber confirmed; returns false when it was not pending any more. */
export async function confirmSubscriber(db: Kysely<Database>, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('subscribers')
    .set({ status: 'confirmed', confirmed_at: now, unsubscribed_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Changes topics and language. */
export async function updateSubscriberPreferences(db: Kysely<Database>, id: number, prefs: { locale: string; topics: string[] }, now: Date): Promise<void> {
  await db
    .updateTable('subscribers')
    .set({ locale: prefs.locale, topics: JSON.stringify(prefs.topics), updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Unsubscribes; the old confirmation token is dropped so only a new confirmation brings the address back. */
export async function unsubscribeSubscriber(db: Kysely<Database>, id: number, now: Date): Promise<void> {
  await db
    .updateTable('subscribers')
    .set({ status: 'unsubscribed', unsubscribed_at: now, confirm_token_hash: null, confirm_expires_at: null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Inserts or updates an address as confirmed (admin command `subscribers add --confirmed`). */
export async function upsertConfirmedSubscriber(
  db: Kysely<Database>,
  input: { email: string; locale: string; topics: string[]; manageNonce: string; now: Date },
): Promise<Subscriber> {
  const row = await db
    .insertInto('subscribers')
    .values({
      email: input.email,
      locale: input.locale,
      topics: JSON.stringify(input.topics),
      status: 'confirmed',
      manage_nonce: input.manageNonce,
      confirmed_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.column('email').doUpdateSet({
        locale: input.locale,
        topics: JSON.stringify(input.topics),
        status: 'confirmed',
        confirmed_at: input.now,
        unsubscribed_at: null,
        updated_at: input.now,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSubscriber(row);
}

/** Bulk-inserts confirmed subscribers (imports, benchmarks); existing addresses are left alone. Returns how many were new. */
export async function insertConfirmedSubscribers(
  db: Kysely<Database>,
  rows: readonly { email: string; locale: string; topics: string[]; manageNonce: string }[],
  now: Date,
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < rows.length; start += 1000) {
    const values = rows.slice(start, start + 1000).map((r) => ({
      email: r.email, locale: r.locale, topics: JSON.stringify(r.topics), status: 'confirmed' as const,
      manage_nonce: r.manageNonce, confirmed_at: now, updated_at: now,
    }));
    const result = await db.insertInto('subscribers').values(values).onConflict((oc) => oc.column('email').doNothing()).returning('id').execute();
    inserted += result.length;
  }
  return inserted;
}

/** Subscribers, optionally of one status, ordered by id. */
export async function listSubscribers(db: Kysely<Database>, filter: { status?: SubscriberStatus } = {}): Promise<Subscriber[]> {
  let query = db.selectFrom('subscribers').selectAll().orderBy('id');
  if (filter.status) query = query.where('status', '=', filter.status);
  return (await query.execute()).map(toSubscriber);
}

/** Deletes a subscriber and their ledger rows (admin `subscribers remove --purge`). */
export async function purgeSubscriber(db: Kysely<Database>, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('deliveries').where('subscriber_id', '=', id).execute();
    await trx.deleteFrom('subscribers').where('id', '=', id).execute();
  });
}
