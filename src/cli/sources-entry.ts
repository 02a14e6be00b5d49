// `bantin sources …`: the health table (needs the database) or `discover URL` (needs only the network).
import { parseArgs } from 'node:util';
import { runSourcesCommand } from './sources.js';
import { runDiscover } from './sources-discover.js';
import { createConfiguredFetcher, loadSettingsAndConfig, openRuntime, type CliIO } from './runtime.js';

/** Dispatches `bantin sources [--stale] [--json]` and `bantin sources discover URL`. */
export async function runSourcesEntry(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { config: { type: 'string' }, stale: { type: 'boolean' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals[0] === 'discover') {
    const url = positionals[1];
    if (!url || positionals.length > 2) {
      io.err('usage: bantin sources discover URL');
      return 2;
    }
    const { settings, config } = await loadSettingsAndConfig(values.config);
    const fetcher = createConfiguredFetcher(settings, config);
    try {
      return await runDiscover(url, { fetcher, write: io.out });
    } finally {
      await fetcher.close();
    }
  }
  if (positionals.length > 0) {
    io.err(`bantin sources: unknown argument "${positionals[0]}"; usage: bantin sources [--stale] [--json] | bantin sources discover URL`);
    return 2;
  }
  const runtime = await openRuntime(values.config);
  try {
    const flags = [...(values.stale ? ['--stale'] : []), ...(values.json ? ['--json'] : [])];
    return await runSourcesCommand(flags, { db: runtime.database.db, config: runtime.config, write: io.out });
  } finally {
    await runtime.database.close();
  }
}
