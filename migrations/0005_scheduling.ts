import { sql, type Kysely } from 'kysely';

// Scheduling state beyond migration 0001: the permanent-redirect rule, admin notices,
// once-per-period recurring jobs, and per-host politeness shared by every instance.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sources')
    .addColumn('redirect_target', 'text')
    .addColumn('redirect_streak', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notice', 'text')
    .addColumn('notice_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addPrimaryKeyConstraint('job_runs_pkey', ['job', 'period_key'])
    .execute();

  await db.schema
    .createTable('host_slots')
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'timestamptz')
    .addPrimaryKeyConstraint('host_slots_pkey', ['host', 'slot'])
    .execute();
  await db.schema.createIndex('sources_locked_by_idx').on('sources').column('locked_by').where(sql.ref('locked_by'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('host_slots').execute();
  await db.schema.dropTable('job_runs').execute();
  await db.schema.dropIndex('sources_locked_by_idx').execute();
  await db.schema
    .alterTable('sources')
    .dropColumn('redirect_target')
    .dropColumn('redirect_streak')
    .dropColumn('notice')
    .dropColumn('notice_at')
    .execute();
}
