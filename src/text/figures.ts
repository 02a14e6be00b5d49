// The figures a news text reports ("8,46%", "370,5 tỷ USD", "21 người"), as opposed to numbers that only place it in
// a period ("năm 2027", "tháng 9", "9 tháng đầu năm", "quý III"): look-alike reports of one release (the GDP and the
// CPI of the same morning) share the period and differ in the figures.
import { isNumberToken } from './fold.js';

const YEAR = /^(19|20)\d\d$/;

/** A folded token that is a year ("2028"). */
export function isYearToken(token: string): boolean {
  return YEAR.test(token);
}
// Folded: "quý" folds to "qui" (fold.ts writes a final y after a consonant as i).
const PERIOD_WORDS = new Set(['thang', 'qui']);

/** The distinct figures among folded syllable tokens: numbers that are not a year nor a month or quarter count. */
export function extractFigures(tokens: string[]): Set<string> {
  const figures = new Set<string>();
  tokens.forEach((token, i) => {
    if (!isNumberToken(token) || isYearToken(token)) return;
    const isPeriod = Number(token) <= 12 && (PERIOD_WORDS.has(tokens[i - 1] ?? '') || PERIOD_WORDS.has(tokens[i + 1] ?? ''));
    if (!isPeriod) figures.add(token);
  });
  return figures;
}
