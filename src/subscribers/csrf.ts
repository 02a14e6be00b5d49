// CSRF protection for the forms: a signed double-submit token. The browser holds a random value in a
// SameSite=Lax, HttpOnly cookie; each form carries HMAC(BANTIN_SECRET, value). Another site can make the browser
// send the cookie but cannot read it, so it cannot compute the form field.
import { randomBytes } from 'node:crypto';
import { isSameString, signValue } from './tokens.js';

export const CSRF_COOKIE = 'bantin_csrf';

/** A fresh cookie value (128 random bits). */
export function createCsrfCookieValue(): string {
  return randomBytes(16).toString('base64url');
}

/** True when the cookie value is shaped like one bantin issued. */
export function isCsrfCookieValue(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value);
}

/** The form field that goes with a cookie value. */
export function signCsrfToken(secret: string, cookieValue: string): string {
  return signValue(secret, 'csrf', cookieValue);
}

/** True when the submitted field matches the cookie. */
export function isValidCsrfToken(secret: string, cookieValue: unknown, field: unknown): boolean {
  if (!isCsrfCookieValue(cookieValue) || typeof field !== 'string') return false;
  return isSameString(field, signCsrfToken(secret, cookieValue));
}
