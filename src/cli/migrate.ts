// `bantin migrate`: apply pending migrations and say which.
import { parseArgs } from 'node:util';
import { createDb } from '../db/create-db.js';
import { migrateToLatest } from '../db/migrator.js';
import { readSettings } from '../config/settings.js';
import type { CliIO } from './runtime.js';

/** Applies migrations; needs no valid config (only the database settings). */
export async function runMigrateCommand(args: string[], io: CliIO): Promise<number> {
  parseArgs({ args, options: { config: { type: 'string' } }, strict: true });
  const database = createDb(readSettings());
  try {
    const applied = await migrateToLatest(database.db);
    io.out(applied.length === 0 ? 'migrate: already up to date' : `migrate: applied ${applied.join(', ')}`);
    return 0;
  } finally {
    await database.close();
  }
}
