// Email address validation: a deliberately narrow syntax (what people type into a form), never anything that
// could smuggle a header or a second recipient into a message.

export type AddressProblem = 'empty' | 'too-long' | 'control-characters' | 'syntax' | 'domain';

export type AddressResult = { ok: true; email: string } | { ok: false; problem: AddressProblem };

const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
const MAX_LABEL = 63;
// Dot-atom local part (RFC 5322 atext without quoted strings or comments).
const LOCAL_PATTERN = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const CONTROL_PATTERN = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;

/** Validates and normalizes (NFC, trimmed, lower-cased) an address typed by a reader or an admin. */
export function normalizeAddress(input: unknown): AddressResult {
  if (typeof input !== 'string') return { ok: false, problem: 'empty' };
  // Reject before trimming: a CR/LF anywhere is an injection attempt, not whitespace to tidy away.
  if (CONTROL_PATTERN.test(input)) return { ok: false, problem: 'control-characters' };
  const email = input.normalize('NFC').trim().toLowerCase();
  if (email === '') return { ok: false, problem: 'empty' };
  if (email.length > MAX_ADDRESS) return { ok: false, problem: 'too-long' };
  const at = email.lastIndexOf('@');
  if (at <= 0 || email.indexOf('@') !== at) return { ok: false, problem: 'syntax' };
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > MAX_LOCAL || !LOCAL_PATTERN.test(local)) return { ok: false, problem: 'syntax' };
  if (!isValidDomain(domain)) return { ok: false, problem: 'domain' };
  return { ok: true, email };
}

/** True for a public-looking DNS name: at least two labels, letters-digits-hyphens, an alphabetic TLD. */
export function isValidDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => label.length <= MAX_LABEL && LABEL_PATTERN.test(label))) return false;
  return /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels[labels.length - 1]!);
}
