// Reading the dates feeds write (RFC 822 with every known deviation, ISO 8601, Vietnamese and US
// numeric forms) into UTC instants. A time without a zone is read in the source's timezone.
import { DateTime } from 'luxon';

/** How far in the future a published date may be before it is clamped to the fetch time. */
export const MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

// English, plus the unambiguous three-letter forms of Portuguese, Spanish, Italian, French and German
// month names that feeds generated with a non-English locale write ("Seg, 24 Set 2018").
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  ene: 1, gen: 1, fev: 2, fév: 2, mär: 3, abr: 4, avr: 4, mai: 5, mag: 5, giu: 6, lug: 7,
  ago: 8, aoû: 8, set: 9, out: 10, ott: 10, okt: 10, dez: 12, dic: 12, déc: 12,
};

const MAX_DATE_TEXT = 256;
const DAYS_IN_MONTH: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Offsets in minutes. Unknown alphabetic zones read as UTC, as RFC 2822 says of military zones.
const NAMED_ZONES: Readonly<Record<string, number>> = {
  GMT: 0, UT: 0, UTC: 0, Z: 0, WET: 0, BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  ICT: 420, WIB: 420, HKT: 480, SGT: 480, AWST: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660,
};

const ZONE = String.raw`(?:(?:GMT|UTC|UT)\s*[+-]\d{1,2}(?::?\d{2})?|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})`;
const TIME = String.raw`(\d{1,2})[:h](\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?`;
const TAIL = String.raw`\s*(?:\(?(${ZONE})\)?)?\s*(?:\([^)]*\))?$`;

// "09 Oct 2026 07:34:21 +0700", "06-Nov-94 08:49:37 GMT", weekday already removed.
const RFC822 = new RegExp(String.raw`^(\d{1,2})[\s-]+(\p{L}{3,9})\.?[\s-]+(\d{4}|\d{2})(?:[\sT,]+${TIME})?${TAIL}`, 'u');
// "Oct 09 2026 07:34:21 GMT+0700 (Indochina Time)" — JavaScript's Date#toString and US prose.
const MONTH_FIRST = new RegExp(String.raw`^(?:[A-Za-z]{3,9}\.?,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:[\sT,]+${TIME})?${TAIL}`);
// asctime: "Sun Nov 6 08:49:37 1994" (whitespace already collapsed).
const ASCTIME = new RegExp(String.raw`^(?:[A-Za-z]{3,9}\.?,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})\s+${TIME}\s+(\d{4})${TAIL}`);
// "09/10/2026 07:34", "10/2/2026 9:25:00 AM", "09-10-2026", "09.10.2026 - 07h34".
const NUMERIC = new RegExp(
  String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:\s*[,T-]?\s*${TIME}(?:\s*(AM|PM|SA|CH))?)?${TAIL}`,
  'i',
);
// "2026-10-09 07:34:21", "2026/10/09 07:34", "2026-10-09 07:34:21 +07:00".
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?:\s*[T\s]\s*${TIME})?${TAIL}`, 'i');

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

type DateParser = (text: string, timezone: string) => Date | null;

// Year-first comes before luxon's ISO reader: it covers the usual ISO shapes without luxon's cost.
const PARSERS: readonly DateParser[] = [parseYearFirst, parseRfc822, parseIso, parseMonthFirst, parseAsctime, parseNumeric];

/** Parses a date as feeds write it into a UTC instant; a time without zone is read in `timezone`. Null when unreadable. */
export function parseItemDate(text: string, timezone: string): Date | null {
  // No real date is this long; refusing early keeps hostile input away from the patterns.
  if (text.length > MAX_DATE_TEXT) return null;
  const cleaned = cleanDateText(text);
  if (cleaned === '') return null;
  for (const parse of PARSERS) {
    const parsed = parse(cleaned, timezone);
    if (parsed !== null) return isPlausibleYear(parsed.getUTCFullYear()) ? parsed : null;
  }
  return null;
}

/** Returns `published` unless it lies more than a day after `fetchedAt`, in which case `fetchedAt`. */
export function clampPublishedAt(published: Date, fetchedAt: Date): Date {
  return published.getTime() - fetchedAt.getTime() > MAX_FUTURE_SKEW_MS ? new Date(fetchedAt.getTime()) : published;
}

// Drops CDATA leftovers, a leading weekday ("Fri,", "Thứ sáu,") and moves a leading time behind the date.
function cleanDateText(text: string): string {
  let cleaned = text.normalize('NFC').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').replace(/\s+/g, ' ').trim();
  cleaned = cleaned.replace(/^[^\d,]*,\s*(?=\d)/u, '');
  cleaned = cleaned.replace(/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\s+(?=\d)/i, '');
  const timeFirst = /^(\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH))?)\s*[,-]?\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})(.*)$/i.exec(cleaned);
  return timeFirst === null ? cleaned : `${timeFirst[2]} ${timeFirst[1]}${timeFirst[3]}`;
}

// The ISO shapes parseYearFirst does not cover: basic format (20261009T073421Z), week and ordinal dates.
function parseIso(text: string, timezone: string): Date | null {
  if (!/^\d{4}-?(?:\d{2}-?\d{2}|W\d{2}|\d{3})(?:T|$)/.test(text)) return null;
  const parsed = DateTime.fromISO(text, { zone: timezone });
  return parsed.isValid ? parsed.toJSDate() : null;
}

function parseRfc822(text: string, timezone: string): Date | null {
  const match = RFC822.exec(text);
  const month = monthFromName(match?.[2]);
  if (match === null || month === null) return null;
  const parts = { ...timeParts(match, 4), year: expandYear(match[3] ?? ''), month, day: Number(match[1]) };
  return buildDate(parts, match[8], timezone);
}

function parseMonthFirst(text: string, timezone: string): Date | null {
  const match = MONTH_FIRST.exec(text);
  const month = monthFromName(match?.[1]);
  if (match === null || month === null) return null;
  const parts = { ...timeParts(match, 4), year: Number(match[3]), month, day: Number(match[2]) };
  return buildDate(parts, match[8], timezone);
}

// Day-first is the Vietnamese order. An English AM/PM marker means a US-style CMS wrote the date,
// so it is month-first (Tuổi Trẻ's "10/2/2026 9:25:00 AM" is 2 October: its article id holds 261002).
// Vietnamese SA/CH markers stay day-first. An impossible month swaps the two.
function parseNumeric(text: string, timezone: string): Date | null {
  const match = NUMERIC.exec(text);
  if (match === null) return null;
  const marker = match[9]?.toUpperCase();
  const first = Number(match[1]);
  const second = Number(match[3]);
  const isUsOrder = marker === 'AM' || marker === 'PM';
  const monthFirst = isUsOrder ? !(first > 12 && second <= 12) : second > 12 && first <= 12;
  const time = timeParts(match, 5);
  const parts = {
    ...time,
    hour: applyMeridiem(time.hour, marker),
    year: Number(match[4]),
    month: monthFirst ? first : second,
    day: monthFirst ? second : first,
  };
  return buildDate(parts, match[10], timezone);
}

function parseYearFirst(text: string, timezone: string): Date | null {
  const match = YEAR_FIRST.exec(text);
  if (match === null) return null;
  const parts = { ...timeParts(match, 5), year: Number(match[1]), month: Number(match[3]), day: Number(match[4]) };
  return buildDate(parts, match[9], timezone);
}

function parseAsctime(text: string, timezone: string): Date | null {
  const match = ASCTIME.exec(text);
  const month = monthFromName(match?.[1]);
  if (match === null || month === null) return null;
  const parts = { ...timeParts(match, 3), year: Number(match[7]), month, day: Number(match[2]) };
  return buildDate(parts, match[8], timezone);
}

function timeParts(match: RegExpExecArray, at: number): Omit<DateParts, 'year' | 'month' | 'day'> {
  const fraction = match[at + 3] ?? '';
  return {
    hour: Number(match[at] ?? 0),
    minute: Number(match[at + 1] ?? 0),
    second: Number(match[at + 2] ?? 0),
    millisecond: fraction === '' ? 0 : Math.floor(Number(`0.${fraction}`) * 1000),
  };
}

// A named offset is plain arithmetic; only a naive time needs luxon and the IANA zone rules.
function buildDate(parts: DateParts, zoneText: string | undefined, timezone: string): Date | null {
  if (zoneText === undefined) {
    const local = DateTime.fromObject(parts, { zone: timezone });
    return local.isValid ? local.toJSDate() : null;
  }
  const offsetMinutes = offsetFromText(zoneText);
  if (offsetMinutes === null || !hasValidFields(parts)) return null;
  const utc = new Date(0);
  utc.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  utc.setUTCHours(parts.hour, parts.minute, parts.second, parts.millisecond);
  return new Date(utc.getTime() - offsetMinutes * 60_000);
}

function hasValidFields(parts: DateParts): boolean {
  const monthDays = parts.month === 2 && isLeapYear(parts.year) ? 29 : (DAYS_IN_MONTH[parts.month - 1] ?? 0);
  return parts.day >= 1 && parts.day <= monthDays && parts.hour <= 24 && parts.minute <= 59 && parts.second <= 60;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function offsetFromText(text: string): number | null {
  const upper = text.toUpperCase().replace(/\s+/g, '');
  const offset = /^(?:GMT|UTC|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(upper);
  if (offset !== null) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? 0);
    if (hours > 14 || minutes > 59) return null;
    return (offset[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  if (!/^[A-Z]{1,5}$/.test(upper)) return null;
  return NAMED_ZONES[upper] ?? 0;
}

function monthFromName(name: string | undefined): number | null {
  if (name === undefined) return null;
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? null;
}

// RFC 2822 §4.3: 00–49 are 2000–2049, 50–99 are 1950–1999.
function expandYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

function applyMeridiem(hour: number, marker: string | undefined): number {
  if (marker === 'PM' || marker === 'CH') return hour < 12 ? hour + 12 : hour;
  if (marker === 'AM' || marker === 'SA') return hour === 12 ? 0 : hour;
  return hour;
}

// CMS placeholders like 0001-01-01 mean "no date".
function isPlausibleYear(year: number): boolean {
  return year >= 1900 && year <= 9999;
}
