// `?limit=` and `?before=` of the feed routes. A cursor names the last entry of a page: `<ISO 8601 UTC time>~<id>`,
// e.g. `2026-11-29T05:00:00.000Z~42`; entries strictly older in (published desc, id desc) order follow it.

export const DEFAULT_FEED_LIMIT = 50;
export const MAX_FEED_LIMIT = 200;

/** Where a page starts: before a time, or after a given entry (its time and id). */
export interface FeedCursor {
  /** Entries published before this time follow the cursor. */
  publishedAt: Date;
  /** With an id, entries at exactly `publishedAt` with a smaller id follow it too (keyset paging). */
  id: number | null;
}

export interface FeedPaging {
  limit: number;
  cursor: FeedCursor | null;
}

export type PagingResult = { ok: true; paging: FeedPaging } | { ok: false; message: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Reads `limit` and `before` from a query; a bad value gives a message fit for a 400. */
export function parseFeedPaging(query: { limit?: string | undefined; before?: string | undefined }): PagingResult {
  const limit = parseLimit(query.limit);
  if (limit === null) {
    return { ok: false, message: `invalid limit ${JSON.stringify(query.limit)}: use a whole number from 1 to ${MAX_FEED_LIMIT}` };
  }
  if (query.before === undefined) return { ok: true, paging: { limit, cursor: null } };
  const cursor = parseCursor(query.before);
  if (!cursor) {
    return {
      ok: false,
      message: `invalid before ${JSON.stringify(query.before)}: use an ISO 8601 date or a cursor such as 2026-11-29T05:00:00.000Z~42`,
    };
  }
  return { ok: true, paging: { limit, cursor } };
}

/** Parses `<ISO date>` or `<ISO date>~<id>`; null when it is neither. */
export function parseCursor(value: string): FeedCursor | null {
  const [rawDate = '', idPart, ...rest] = value.trim().split('~');
  // An unencoded `+` in a query string arrives as a space: `…T12:00:00 07:00` meant `+07:00`.
  const datePart = rawDate.replace(/ (\d{2}:?\d{2})$/, '+$1');
  if (rest.length > 0 || !ISO_DATE.test(datePart)) return null;
  const publishedAt = new Date(toUtcIso(datePart));
  if (Number.isNaN(publishedAt.getTime())) return null;
  if (idPart === undefined) return { publishedAt, id: null };
  if (!/^\d{1,15}$/.test(idPart)) return null;
  return { publishedAt, id: Number(idPart) };
}

/** The cursor that continues after an entry. */
export function formatCursor(published: Date, id: number): string {
  return `${published.toISOString()}~${id}`;
}

// A date or time without a zone is read as UTC, so the answer does not depend on the server's zone.
function toUtcIso(value: string): string {
  if (value.length === 10) return `${value}T00:00:00Z`;
  const withT = value.replace(' ', 'T');
  return /(?:Z|[+-]\d{2}:?\d{2})$/.test(withT) ? withT : `${withT}Z`;
}

function parseLimit(value: string | undefined): number | null {
  if (value === undefined) return DEFAULT_FEED_LIMIT;
  if (!/^\d{1,4}$/.test(value)) return null;
  const limit = Number(value);
  return limit >= 1 && limit <= MAX_FEED_LIMIT ? limit : null;
}
