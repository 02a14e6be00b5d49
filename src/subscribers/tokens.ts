// Link tokens. Confirmation tokens are 256 random bits stored as a SHA-256 hash; preferences/unsubscribe tokens
// are HMAC-SHA-256 signatures (with BANTIN_SECRET) over the subscriber id and a random per-subscriber nonce, so
// the digest sender can put them in every email without storing anything new.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const MANAGE_PREFIX = 'm1';

/** A fresh confirmation token (256 random bits, base64url) and the hash to store. */
export function createConfirmToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** The stored form of a confirmation token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A random nonce for a new subscriber's manage tokens (128 bits). */
export function createManageNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** The preferences/unsubscribe token of one subscriber: `m1.<id>.<hmac>`. */
export function signManageToken(secret: string, subscriberId: number, nonce: string): string {
  return `${MANAGE_PREFIX}.${subscriberId}.${computeManageMac(secret, subscriberId, nonce)}`;
}

/** The subscriber id a manage token claims, or null when it is not even shaped like one. */
export function readManageTokenId(token: unknown): number | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const match = /^m1\.(\d{1,10})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? Number(match[1]) : null;
}

/** True when the token is the one signed for this subscriber and nonce (constant-time comparison). */
export function isValidManageToken(secret: string, token: string, subscriberId: number, nonce: string): boolean {
  return isSameString(token, signManageToken(secret, subscriberId, nonce));
}

/** Constant-time string equality. */
export function isSameString(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** An HMAC-SHA-256 of `purpose:value` in base64url; used for CSRF and Message-IDs. */
export function signValue(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${value}`, 'utf8').digest('base64url');
}

function computeManageMac(secret: string, subscriberId: number, nonce: string): string {
  return signValue(secret, 'manage', `${subscriberId}:${nonce}`);
}
