// A throwaway database on a real Postgres server, for store tests and benchmarks: created with a random name,
// dropped (with its connections) afterwards, so runs never see each other's data.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ScratchDatabase {
  /** Connection string of the new database. */
  url: string;
  drop(): Promise<void>;
}

/** Creates `<prefix>_<random>` on the server that `serverUrl` points to. */
export async function createScratchDatabase(serverUrl: string, prefix = 'bantin_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await runAdminStatement(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => runAdminStatement(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function runAdminStatement(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
