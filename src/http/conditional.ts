// Validators and conditional-request evaluation (RFC 9110 §13), as pure functions over header values.
import { createHash } from 'node:crypto';

/** What a representation is validated by. */
export interface Validators {
  /** A quoted strong entity tag. */
  etag: string;
  lastModified: Date | null;
}

/** The request's conditional headers, as received (null when absent). */
export interface ConditionalHeaders {
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
}

/** A strong ETag: the quoted, truncated base64url sha256 of the body bytes. */
export function computeEtag(body: string | Uint8Array): string {
  const digest = createHash('sha256').update(body).digest('base64url');
  return `"${digest.slice(0, 27)}"`;
}

/** An IMF-fixdate for Last-Modified. */
export function formatHttpDate(date: Date): string {
  return date.toUTCString();
}

/** True when a GET with these headers should be answered 304 Not Modified. */
export function isNotModified(headers: ConditionalHeaders, validators: Validators): boolean {
  // If-None-Match takes precedence: with it present, If-Modified-Since is ignored (RFC 9110 §13.1.3).
  if (headers.ifNoneMatch !== null) return matchesAnyEtag(headers.ifNoneMatch, validators.etag);
  if (headers.ifModifiedSince === null || validators.lastModified === null) return false;
  const since = parseHttpDate(headers.ifModifiedSince);
  if (since === null) return false;
  // HTTP dates have whole seconds; compare at that precision or a fresh copy would look modified.
  return Math.floor(validators.lastModified.getTime() / 1000) <= Math.floor(since.getTime() / 1000);
}

/** Weak comparison of If-None-Match against our tag: `*`, a list, and W/ prefixes all count. */
export function matchesAnyEtag(ifNoneMatch: string, etag: string): boolean {
  const value = ifNoneMatch.trim();
  if (value === '*') return true;
  const ours = stripWeakPrefix(etag);
  const tags = value.match(/(?:W\/)?"[^"]*"/g) ?? [];
  return tags.some((tag) => stripWeakPrefix(tag) === ours);
}

/** Parses an HTTP date (IMF-fixdate, and the obsolete forms Date.parse accepts); null when unreadable. */
export function parseHttpDate(value: string): Date | null {
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : new Date(time);
}

function stripWeakPrefix(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
