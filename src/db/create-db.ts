// One way to open the database: real Postgres through pg when DATABASE_URL is set, embedded PGlite otherwise.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.js';

export interface DbSettings {
  databaseUrl: string | null;
  dataDir: string;
}

export interface DbHandle {
  db: Kysely<Database>;
  kind: 'pg' | 'pglite';
  close(): Promise<void>;
}

// timestamptz and int8 must read the same on pg as on PGlite: Date objects and numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Opens the database described by the settings. `dataDir` may be `memory://` for a throwaway PGlite. */
export function createDb(settings: DbSettings, options: { poolSize?: number } = {}): DbHandle {
  if (settings.databaseUrl) {
    const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client that loses its connection must not crash the process; the next query reconnects.
    pool.on('error', (error) => console.error(`db: idle connection error: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'pg', close: () => db.destroy() };
  }
  const dir = settings.dataDir === 'memory://' ? 'memory://' : path.join(settings.dataDir, 'pglite');
  if (dir !== 'memory://') mkdirSync(dir, { recursive: true }); // PGlite does not create parent folders.
  return wrapPglite(new PGlite(dir));
}

/** Wraps an open PGlite instance (e.g. a clone of a migrated template) in a handle that closes it. */
export function wrapPglite(pglite: PGlite): DbHandle {
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
