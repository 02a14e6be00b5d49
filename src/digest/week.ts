// ISO weeks in the configured time zone: an edition covers Monday 00:00 to the next Monday 00:00, local time.
import { DateTime } from 'luxon';
import { BantinError } from '../errors.js';

export interface WeekRange {
  /** `2026-W48` */
  week: string;
  /** Monday 00:00 local, as a UTC instant. */
  from: Date;
  /** The next Monday 00:00 local (exclusive). */
  to: Date;
}

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

/** The range of an ISO week label in a zone; throws BantinError('digest', 'bad-week') for a malformed label. */
export function resolveWeek(week: string, zone: string): WeekRange {
  const match = WEEK_PATTERN.exec(week);
  const start = match ? DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 }, { zone }) : null;
  if (!start || !start.isValid || start.toFormat("kkkk-'W'WW") !== week) {
    throw new BantinError('digest', 'bad-week', `expected an ISO week such as 2026-W48, got ${JSON.stringify(week)}`);
  }
  return toRange(start.startOf('day'));
}

/** The week that contains `now` in the zone. */
export function weekContaining(now: Date, zone: string): WeekRange {
  return toRange(DateTime.fromJSDate(now, { zone }).startOf('week'));
}

/** The last complete week before `now`: what a Monday-morning send covers. */
export function previousWeek(now: Date, zone: string): WeekRange {
  return toRange(DateTime.fromJSDate(now, { zone }).startOf('week').minus({ weeks: 1 }));
}

/** True when the label is shaped like an ISO week. */
export function isWeekLabel(value: unknown): value is string {
  return typeof value === 'string' && WEEK_PATTERN.test(value);
}

function toRange(monday: DateTime): WeekRange {
  return { week: monday.toFormat("kkkk-'W'WW"), from: monday.toJSDate(), to: monday.plus({ weeks: 1 }).toJSDate() };
}
