// Test databases: a throwaway in-memory PGlite, and with DATABASE_URL also a fresh database on the real server.
import { PGlite } from '@electric-sql/pglite';
import { createDb, wrapPglite, type DbHandle } from '../../src/db/create-db.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { createScratchDatabase } from './scratch-database.js';

export interface TestDb extends DbHandle {
  /** Closes the connection and drops the database (on Postgres). */
  dispose(): Promise<void>;
  /** Connection string of the per-test Postgres database, when on Postgres. */
  url: string | null;
}

/** The database kinds store tests run on: always PGlite, plus Postgres when DATABASE_URL is set. */
export const dbKinds: ('pglite' | 'pg')[] = process.env.DATABASE_URL ? ['pglite', 'pg'] : ['pglite'];

/** Creates a migrated, empty database of the given kind. */
export async function createTestDb(kind: 'pglite' | 'pg', options: { migrate?: boolean } = {}): Promise<TestDb> {
  let handle: DbHandle;
  let url: string | null = null;
  let drop = async () => {};
  if (kind === 'pg') {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) throw new Error('DATABASE_URL is not set');
    const scratch = await createScratchDatabase(serverUrl);
    url = scratch.url;
    handle = createDb({ databaseUrl: url, dataDir: 'unused' });
    drop = scratch.drop;
  } else if (options.migrate !== false) {
    // Cloning a migrated template costs ~1 s; starting and migrating a fresh PGlite costs several.
    handle = wrapPglite((await clonePgliteTemplate()) as PGlite);
  } else {
    handle = createDb({ databaseUrl: null, dataDir: 'memory://' });
  }
  if (kind === 'pg' && options.migrate !== false) await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    dispose: async () => {
      await handle.close();
      await drop();
    },
  };
}


let template: Promise<PGlite> | null = null;

/** A clone of one migrated in-memory PGlite per test worker. */
async function clonePgliteTemplate(): Promise<unknown> {
  template ??= (async () => {
    const pglite = new PGlite('memory://');
    // The template stays open for the worker's lifetime; only its clones are handed out and closed.
    await migrateToLatest(wrapPglite(pglite).db);
    return pglite;
  })();
  return (await template).clone();
}
