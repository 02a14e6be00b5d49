// Visible dates as Vietnamese article pages print them near the title, e.g.
// "28/07/2017 14:30", "Thứ sáu, 28/7/2017, 14:30 (GMT+7)", "14:30 - 28/07/2017", "28-07-2017 | 14:30 GMT+7".
// Feed-style dates (RFC 822, ISO 8601) are the normalizer's job (src/ingest/dates.ts); this module only
// reads the day-first forms the press prints for humans.
import { DateTime } from 'luxon';

const DATE = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`;
const TIME = String.raw`(\d{1,2})\s*[:hg]\s*(\d{2})(?:\s*:\s*(\d{2}))?\s*(?:(AM|PM|SA|CH)\b)?`;
const SEPARATOR = String.raw`\s*[,|\-–—•]?\s*`;
const ZONE = String.raw`(?:\(?\s*(?:GMT|UTC)\s*([+-]\s*\d{1,2})(?::?(\d{2}))?\s*\)?)?`;

const DATE_THEN_TIME = new RegExp(`${DATE}(?:${SEPARATOR}${TIME})?${SEPARATOR}${ZONE}`, 'i');
const TIME_THEN_DATE = new RegExp(`${TIME}${SEPARATOR}(?:ngày\\s*)?${DATE}${SEPARATOR}${ZONE}`, 'i');

interface DateParts {
  day: number;
  month: number;
  year: number;
  hour: number;
  minute: number;
  second: number;
  meridiem: string | undefined;
  offsetHours: string | undefined;
  offsetMinutes: string | undefined;
  index: number;
  length: number;
}

/**
 * Finds the first day-first date (with optional time and GMT offset) in `text` and returns it as a UTC Date.
 * Without an explicit offset the time is read in `timezone`. Returns null when no valid date is found.
 */
export function parseVisibleDate(text: string, timezone: string): Date | null {
  return findVisibleDate(text, timezone)?.date ?? null;
}

/** Like parseVisibleDate, and also says where in `text` the date was written. */
export function findVisibleDate(text: string, timezone: string): { date: Date; index: number; length: number } | null {
  const parts = matchTimeThenDate(text) ?? matchDateThenTime(text);
  const date = parts === null ? null : buildDate(parts, timezone);
  return parts === null || date === null ? null : { date, index: parts.index, length: parts.length };
}

/** True when `text` contains a day-first date that parseVisibleDate would read. */
export function hasVisibleDate(text: string): boolean {
  return parseVisibleDate(text, 'UTC') !== null;
}

function matchDateThenTime(text: string): DateParts | null {
  const m = DATE_THEN_TIME.exec(text);
  if (m === null) return null;
  return {
    day: Number(m[1]),
    month: Number(m[2]),
    year: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    meridiem: m[7],
    offsetHours: m[8],
    offsetMinutes: m[9],
    index: m.index,
    length: m[0].length,
  };
}

function matchTimeThenDate(text: string): DateParts | null {
  const m = TIME_THEN_DATE.exec(text);
  if (m === null) return null;
  // A time-first match must not steal the date of an earlier date-first form ("28/07/2017 14:30 28/07…").
  const dateFirst = DATE_THEN_TIME.exec(text);
  if (dateFirst !== null && dateFirst.index < m.index) return null;
  return {
    hour: Number(m[1]),
    minute: Number(m[2]),
    second: Number(m[3] ?? 0),
    meridiem: m[4],
    day: Number(m[5]),
    month: Number(m[6]),
    year: Number(m[7]),
    offsetHours: m[8],
    offsetMinutes: m[9],
    index: m.index,
    length: m[0].length,
  };
}

function buildDate(parts: DateParts, timezone: string): Date | null {
  const hour = applyMeridiem(parts.hour, parts.meridiem);
  const zone = parts.offsetHours === undefined ? timezone : formatOffset(parts.offsetHours, parts.offsetMinutes);
  const dt = DateTime.fromObject(
    { year: parts.year, month: parts.month, day: parts.day, hour, minute: parts.minute, second: parts.second },
    { zone },
  );
  return dt.isValid ? dt.toJSDate() : null;
}

function applyMeridiem(hour: number, meridiem: string | undefined): number {
  const tag = meridiem?.toUpperCase();
  // "SA"/"CH" are the Vietnamese AM/PM (sáng/chiều).
  if ((tag === 'PM' || tag === 'CH') && hour < 12) return hour + 12;
  if ((tag === 'AM' || tag === 'SA') && hour === 12) return 0;
  return hour;
}

function formatOffset(hours: string, minutes: string | undefined): string {
  const compact = hours.replace(/\s+/g, '');
  const sign = compact.startsWith('-') ? '-' : '+';
  const value = Number(compact.replace(/^[+-]/, ''));
  return `UTC${sign}${value}${minutes !== undefined && minutes !== '00' ? `:${minutes}` : ''}`;
}
