// What every command needs: settings from the environment, the validated config, and (for most) the database.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { BantinConfig } from '../config/schema.js';
import { loadConfig } from '../config/load.js';
import { readSettings, type Settings } from '../config/settings.js';
import { createDb, type DbHandle } from '../db/create-db.js';
import { migrateToLatest } from '../db/migrator.js';
import { createFetcher } from '../ingest/fetch.js';
import { buildUserAgent } from '../ingest/fetch.js';
import type { Fetcher } from '../ingest/types.js';
import { VERSION } from '../version.js';

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  isTTY: boolean;
}

export interface Runtime {
  settings: Settings;
  config: BantinConfig;
  database: DbHandle;
  /** Unique per process: names this instance's leases. */
  instanceId: string;
}

/** Reads settings and config (`--config` wins over $BANTIN_CONFIG), then loads the config file. */
export async function loadSettingsAndConfig(configPath: string | undefined): Promise<{ settings: Settings; config: BantinConfig }> {
  const settings = readSettings(process.env, configPath ? { configPath } : {});
  const config = await loadConfig(settings.configPath);
  return { settings, config };
}

/** Opens the database and applies pending migrations. */
export async function openRuntime(configPath: string | undefined): Promise<Runtime> {
  const { settings, config } = await loadSettingsAndConfig(configPath);
  const database = createDb(settings);
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { settings, config, database, instanceId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}` };
}

/** The fetcher every command uses, with the config's limits and bantin's User-Agent. */
export function createConfiguredFetcher(settings: Settings, config: BantinConfig): Fetcher & { close(): Promise<void> } {
  return createFetcher({
    timeoutMs: config.poll.timeout,
    maxBytes: config.poll.maxBytes,
    maxRedirects: config.poll.maxRedirects,
    userAgent: buildUserAgent(VERSION, settings.publicUrl),
    concurrency: config.poll.concurrency,
    perHost: config.poll.perHost,
  });
}
