// The `bantin` command: dispatches to one module per subcommand.
import { ConfigError } from '../config/load.js';
import { isBantinError } from '../errors.js';
import { VERSION } from '../version.js';
import { runCheckCommand } from './check.js';
import { runMigrateCommand } from './migrate.js';
import { runPollCommand } from './poll.js';
import type { CliIO } from './runtime.js';
import { runDigestEntry, runExplainEntry, runSubscribersEntry } from './feature-commands.js';
import { runSourcesEntry } from './sources-entry.js';
import { runStartCommand } from './start.js';

const USAGE = `bantin ${VERSION} — Vietnamese news aggregator

usage: bantin <command> [options]        (every command takes --config PATH)

  start                         migrate, then serve HTTP and poll sources on schedule
  serve                         migrate, then serve HTTP only
  poll --once [--source KEY]    poll due (or named) sources once and print a summary
  check [--fetch]               validate the config; --fetch also fetches each source (stores nothing)
  migrate                       apply database migrations
  sources [--stale] [--json]    each source's health: last success, last error, streak, items in 7 days, next check
  sources discover URL          list the feeds a page announces and print ready config entries
  explain URL                   the story of the item at URL, its items, and why each topic was given
  digest send [--week 2026-W48] build (once) and send that week's edition; safe to re-run
  digest preview --topic KEY [--locale vi|en] --out FILE.html
  digest status [--week …]      deliveries of an edition by state
  subscribers add EMAIL --topics a,b [--locale vi|en] [--confirmed]
  subscribers list | remove EMAIL
`;

type Handler = (args: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, Handler> = {
  start: (args, io) => runStartCommand(args, io, { withScheduler: true }),
  serve: (args, io) => runStartCommand(args, io, { withScheduler: false }),
  poll: runPollCommand,
  check: runCheckCommand,
  migrate: runMigrateCommand,
  sources: runSourcesEntry,
  explain: runExplainEntry,
  digest: runDigestEntry,
  subscribers: runSubscribersEntry,
};

/** Runs the CLI with argv (without node and script) and returns the exit code. */
export async function main(argv: string[], io: CliIO = consoleIO()): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === 'version') {
    io.out(VERSION);
    return 0;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    io.err(`bantin: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await handler(args, io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

function reportFailure(error: unknown, io: CliIO): number {
  if (error instanceof ConfigError) {
    io.err(error.message);
    return 1;
  }
  if (isBantinError(error)) {
    io.err(error.message);
    return 1;
  }
  const code = (error as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    io.err(`bantin: ${(error as Error).message}`);
    return 2;
  }
  io.err(`bantin: ${(error as Error).stack ?? String(error)}`);
  return 1;
}

function consoleIO(): CliIO {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    isTTY: Boolean(process.stderr.isTTY),
  };
}
