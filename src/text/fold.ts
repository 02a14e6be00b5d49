// The one place where text is made comparable: NFC, folding (lowercase, no diacritics, đ→d) and syllable tokens.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const TOKEN_PATTERN = /[\p{L}\p{N}]+(?:[.,]\p{N}+)*/gu;

/** Returns the text in Unicode NFC (every stored and compared string goes through this). */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Folds text for comparison: lowercase, diacritics removed, đ→d, whitespace collapsed.
 * NFD first so that precomposed and decomposed input fold identically.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Splits text into folded syllable tokens. Vietnamese writes one syllable per space-separated unit, so syllables
 * are the natural unit; numbers keep their decimal part and lose thousands dots ("1.000" and "1000" are one token).
 */
export function tokenizeSyllables(text: string): string[] {
  const folded = foldText(text);
  const tokens: string[] = [];
  for (const match of folded.matchAll(TOKEN_PATTERN)) tokens.push(normalizeNumberToken(match[0]));
  return tokens;
}

/** True when the token is a number (possibly with a decimal part). */
export function isNumberToken(token: string): boolean {
  return /^\d+(?:[.,]\d+)?$/.test(token);
}

function normalizeNumberToken(token: string): string {
  if (!/^\d/.test(token)) return token;
  // "1.000.000" (thousands) → "1000000"; "2,5" (decimal) → "2.5".
  if (/^\d{1,3}(?:\.\d{3})+$/.test(token)) return token.replace(/\./g, '');
  return token.replace(',', '.');
}
