// Per-host request slots shared by every instance: at most `perHost` leases on one host at a time, cluster-wide.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface HostSlotClaim {
  host: string;
  instanceId: string;
  perHost: number;
  leaseMs: number;
  now: Date;
}

/** Takes a free slot for the host (creating the host's rows on first use); null when all are held. */
export async function acquireHostSlot(db: Kysely<Database>, claim: HostSlotClaim): Promise<number | null> {
  await sql`
    insert into host_slots (host, slot)
    select ${claim.host}, g from generate_series(0, ${claim.perHost - 1}::int) g
    on conflict do nothing`.execute(db);
  const row = await db
    .updateTable('host_slots')
    .set({ locked_by: claim.instanceId, locked_until: new Date(claim.now.getTime() + claim.leaseMs) })
    .where('host', '=', claim.host)
    .where('slot', '=', (eb) =>
      eb
        .selectFrom('host_slots')
        .select('slot')
        .where('host', '=', claim.host)
        .where('slot', '<', claim.perHost)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<=', claim.now)]))
        .orderBy('slot')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returning('slot')
    .executeTakeFirst();
  return row?.slot ?? null;
}

/** Frees a slot this instance holds. */
export async function releaseHostSlot(db: Kysely<Database>, slot: { host: string; slot: number; instanceId: string }): Promise<void> {
  await db
    .updateTable('host_slots')
    .set({ locked_by: null, locked_until: null })
    .where('host', '=', slot.host)
    .where('slot', '=', slot.slot)
    .where('locked_by', '=', slot.instanceId)
    .execute();
}

/** Frees every slot this instance holds (on shutdown). */
export async function releaseHostSlots(db: Kysely<Database>, instanceId: string): Promise<number> {
  const result = await db.updateTable('host_slots').set({ locked_by: null, locked_until: null }).where('locked_by', '=', instanceId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
