// Commands whose modules take `{ db, config, settings, write }`: they get an opened, migrated database here.
import { runDigestCommand } from './digest.js';
import { runExplain } from './explain.js';
import { runSubscribersCommand } from './subscribers.js';
import { openRuntime, type CliIO } from './runtime.js';

type FeatureCommand = (args: string[], deps: Parameters<typeof runDigestCommand>[1]) => Promise<number>;

/** Wraps a feature command: reads `--config`, opens the runtime, runs it, closes the database. */
function withRuntime(command: FeatureCommand): (args: string[], io: CliIO) => Promise<number> {
  return async (args, io) => {
    const { configPath, rest } = takeConfigOption(args);
    const runtime = await openRuntime(configPath);
    try {
      return await command(rest, { db: runtime.database.db, config: runtime.config, settings: runtime.settings, write: io.out });
    } finally {
      await runtime.database.close();
    }
  };
}

/** Removes `--config PATH` (or `--config=PATH`) from the arguments, which the feature commands do not know. */
export function takeConfigOption(args: string[]): { configPath: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let configPath: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--config') configPath = args[++i];
    else if (arg.startsWith('--config=')) configPath = arg.slice('--config='.length);
    else rest.push(arg);
  }
  return { configPath, rest };
}

export const runDigestEntry = withRuntime(runDigestCommand);
export const runSubscribersEntry = withRuntime(runSubscribersCommand);
export const runExplainEntry = withRuntime(runExplain);
