// Environment settings: the only place process.env is read.
import path from 'node:path';

export interface Settings {
  databaseUrl: string | null;
  dataDir: string;
  smtpUrl: string | null;
  port: number;
  publicUrl: string;
  secret: string;
  logLevel: string;
  configPath: string;
  adminEmail: string | null;
}

/** Reads settings from an environment (defaults to process.env). */
export function readSettings(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Settings> = {}): Settings {
  const port = Number(env.PORT ?? 8080);
  const dataDir = path.resolve(env.BANTIN_DATA_DIR ?? './data');
  return {
    databaseUrl: env.DATABASE_URL || null,
    dataDir,
    smtpUrl: env.SMTP_URL || null,
    port: Number.isInteger(port) && port >= 0 ? port : 8080,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    // A fixed development secret keeps tokens stable across restarts of a local instance; production sets its own.
    secret: env.BANTIN_SECRET || 'bantin-development-secret-change-me',
    logLevel: env.LOG_LEVEL || 'info',
    configPath: env.BANTIN_CONFIG || 'config/bantin.yaml',
    adminEmail: env.ADMIN_EMAIL || null,
    ...overrides,
  };
}
