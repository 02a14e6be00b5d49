// JSON logs (pino). Every line about a source carries `source: <key>` so one source's story can be grepped.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Creates the process logger at `level` (unknown levels fall back to info), writing JSON lines to stdout or `destination`. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const safeLevel = LEVELS.has(level.toLowerCase()) ? level.toLowerCase() : 'info';
  const options = {
    level: safeLevel,
    base: { service: 'bantin' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A child logger whose every line names the source. */
export function createSourceLogger(logger: Logger, sourceKey: string): Logger {
  return logger.child({ source: sourceKey });
}
