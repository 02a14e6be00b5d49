// Sorting send failures: 5xx replies are final, 4xx replies are retried, and a server (or disk) that cannot be
// reached at all leaves the row pending without using up its attempts.
import type { SendFailureKind } from './types.js';

const UNAVAILABLE_CODES = new Set([
  'ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND',
  'EAI_AGAIN', 'EPIPE', 'EDNS', 'EAUTH', 'ETLS', 'EPROXY',
  // The outbox folder: a full or read-only disk is the same as a mail server that is down.
  'ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EMFILE', 'ENFILE',
]);

/** Classifies an error thrown by a transport. */
export function classifySendError(error: unknown): SendFailureKind {
  const { responseCode, code, errno } = (error ?? {}) as { responseCode?: number; code?: string; errno?: string };
  if (typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600) return 'permanent';
  if (typeof responseCode === 'number' && responseCode >= 400 && responseCode < 500) return 'transient';
  if ((code && UNAVAILABLE_CODES.has(code)) || (errno && UNAVAILABLE_CODES.has(errno))) return 'unavailable';
  return 'transient';
}

/** A one-line description of a send error for the ledger (`mail: 550 5.1.1 no such user`). */
export function describeSendError(error: unknown): string {
  const { response, code, message } = (error ?? {}) as { response?: string; code?: string; message?: string };
  const text = (response || message || String(error)).replace(/\s+/g, ' ').trim();
  const line = code && !response && !text.includes(code) ? `mail: ${code} ${text}` : `mail: ${text}`;
  return line.length > 500 ? `${line.slice(0, 497)}...` : line;
}
