/** Pipeline stages; every error message starts with its stage, e.g. `fetch: 404 not found for <url>`. */
export type Stage = 'config' | 'fetch' | 'decode' | 'parse' | 'normalize' | 'store' | 'extract' | 'publish' | 'mail' | 'digest' | 'db';

/** A typed error that carries a machine-readable code, the stage it came from, context and the cause. */
export class BantinError extends Error {
  readonly code: string;
  readonly stage: Stage;
  readonly context: Record<string, unknown>;

  constructor(stage: Stage, code: string, message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(`${stage}: ${message}`, { cause: options.cause });
    this.name = 'BantinError';
    this.stage = stage;
    this.code = code;
    this.context = options.context ?? {};
  }
}

/** True when the value is a BantinError (optionally of one code). */
export function isBantinError(value: unknown, code?: string): value is BantinError {
  return value instanceof BantinError && (code === undefined || value.code === code);
}

/** Turns anything thrown into a `{ code, message }` pair fit to store on a source. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof BantinError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'internal', message: `internal: ${error.message}` };
  return { code: 'internal', message: `internal: ${String(error)}` };
}
