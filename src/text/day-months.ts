// Day-and-month mentions in news text: "sáng 5/10", "ngày 15/10/2026", "Giá vàng hôm nay 5-10", "rạng sáng 17/9".
// Outlets that rewrite one report keep its date; look-alike reports (Monday's gold price and Wednesday's, the first
// and the second round of a vote) differ in exactly it, so story comparison weighs shared and differing dates.
import { foldText } from './fold.js';

// "d/m" and "d/m/yyyy" anywhere; a number glued to letters, another slash or a decimal point is not a date
// ("quý III/2026", "28/2026/TT-BYT", "3,5/10 điểm").
const SLASHED = /(?<![\p{L}\p{N}/.,])(\d{1,2})\/(\d{1,2})(?:\/(?:\d{4}|\d{2}))?(?![\p{N}/])/gu;
// "d-m" is also a score (2-0) or a range (3-3,25%): it counts only after a word that introduces a date. Read on the
// folded text, so "sáng"/"sang" and "ngày"/"ngay" match alike.
const HYPHENATED = /(?:^|[^\p{L}\p{N}])(?:ngay|sang|trua|chieu|toi|dem|hom nay|nay|mai)\s+(\d{1,2})-(\d{1,2})(?:-\d{4})?(?![\p{N},.-]\p{N})/gu;

// "5-7/3", "5 đến 7/3", "từ 5 tới 7/3", "5 và 6/3": the first day belongs to the month written after the second.
// Read on the folded text, so "đến"/"den" match alike.
const DAY_RANGE = /(?<![\p{L}\p{N}/.,])(\d{1,2})\s*(?:-|–|den|toi|va)\s*(\d{1,2})\/(\d{1,2})(?![\p{N}])/gu;
/** Longest range whose days are all listed; a longer one ("1-30/6") is a period, not days an event falls on. */
const MAX_RANGE_DAYS = 7;

/** The distinct day/month dates the text mentions, as "d/m" without leading zeros, in order of first mention. */
export function extractDayMonths(text: string): string[] {
  const found: string[] = [];
  const add = (day: string, month: string) => {
    const d = Number(day);
    const m = Number(month);
    if (d >= 1 && d <= 31 && m >= 1 && m <= 12 && !found.includes(`${d}/${m}`)) found.push(`${d}/${m}`);
  };
  const nfc = text.normalize('NFC');
  for (const match of foldText(nfc).matchAll(DAY_RANGE)) {
    const [first, last] = [Number(match[1]), Number(match[2])];
    if (first < last && last - first < MAX_RANGE_DAYS) for (let day = first; day < last; day += 1) add(String(day), match[3]!);
  }
  for (const match of nfc.matchAll(SLASHED)) add(match[1]!, match[2]!);
  for (const match of foldText(nfc).matchAll(HYPHENATED)) add(match[1]!, match[2]!);
  return found;
}
