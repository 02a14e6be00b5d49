import { BantinError } from '../errors.js';
import { PRIVATE_ADDRESS_CODE } from './fetch-guard.js';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Seconds to wait from a Retry-After value (delta-seconds or HTTP-date), or null when unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** The `http-status` error for a 4xx/5xx answer, with Retry-After read on 429 and 503. */
export function createHttpStatusError(status: number, statusText: string, url: string, retryAfterHeader: string | null, now: Date): BantinError {
  const context: Record<string, unknown> = { status, url };
  if (status === 429 || status === 503) {
    const retryAfter = parseRetryAfter(retryAfterHeader, now);
    if (retryAfter !== null) context.retryAfter = retryAfter;
  }
  const reason = statusText.trim() || describeStatus(status);
  return new BantinError('fetch', 'http-status', `${status} ${reason} for ${url}`, { context });
}

function describeStatus(status: number): string {
  if (status >= 500) return 'Server Error';
  if (status >= 400) return 'Client Error';
  return 'Unexpected Status';
}

/** Collects the `code` of an error and of every cause / aggregated error beneath it. */
function collectCodes(error: unknown, depth = 0): string[] {
  if (depth > 5 || typeof error !== 'object' || error === null) return [];
  const codes: string[] = [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') codes.push(code);
  codes.push(...collectCodes(cause, depth + 1));
  if (Array.isArray(errors)) for (const inner of errors) codes.push(...collectCodes(inner, depth + 1));
  return codes;
}

/** The innermost message of a cause chain, which names the real failure rather than "fetch failed". */
function readInnerMessage(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5; depth += 1) {
    const cause = (current as { cause?: unknown } | null)?.cause;
    if (typeof cause !== 'object' || cause === null) break;
    current = cause;
  }
  return current instanceof Error ? current.message : String(current);
}

/** Maps a failure of the underlying request to a fetch BantinError. */
export function classifyFetchFailure(error: unknown, url: string, timeoutMs: number, timedOut: boolean): BantinError {
  if (error instanceof BantinError) return error;
  const context = { url };
  if (timedOut) {
    return new BantinError('fetch', 'timeout', `timed out after ${timeoutMs} ms for ${url}`, { cause: error, context: { ...context, timeoutMs } });
  }
  const codes = collectCodes(error);
  const detail = readInnerMessage(error);
  if (codes.includes(PRIVATE_ADDRESS_CODE)) {
    return new BantinError('fetch', 'private-address', `refused non-public address for ${url} (${detail})`, { cause: error, context });
  }
  if (codes.includes('ECONNREFUSED')) {
    return new BantinError('fetch', 'connection-refused', `connection refused for ${url}`, { cause: error, context });
  }
  if (codes.some((code) => DNS_CODES.has(code))) {
    return new BantinError('fetch', 'dns', `cannot resolve host for ${url} (${detail})`, { cause: error, context });
  }
  if (codes.some((code) => TIMEOUT_CODES.has(code))) {
    return new BantinError('fetch', 'timeout', `timed out for ${url} (${detail})`, { cause: error, context: { ...context, timeoutMs } });
  }
  return new BantinError('fetch', 'network', `network error for ${url} (${detail})`, { cause: error, context });
}
