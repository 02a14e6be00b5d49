// The one place where text is made comparable: NFC, folding (lowercase, no diacritics, đ→d) and syllable tokens.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
/** The five Vietnamese tone marks (grave, acute, tilde, hook above, dot below) as combining characters. */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
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
  for (const match of folded.matchAll(TOKEN_PATTERN)) tokens.push(unifyFinalY(normalizeNumberToken(match[0])));
  return tokens;
}

/**
 * Splits text into lowercase syllables that keep their diacritics, aligned one to one with tokenizeSyllables
 * (folding never changes token boundaries). Keyword rules use them when the text is written with diacritics:
 * folding merges words a reader tells apart ("bão" storm, "báo" newspaper, "bảo" insure all become "bao").
 */
export function tokenizeMarkedSyllables(text: string): string[] {
  const lowered = toNfc(text).toLowerCase();
  const tokens: string[] = [];
  for (const match of lowered.matchAll(TOKEN_PATTERN)) tokens.push(unifyFinalY(placeToneLast(normalizeNumberToken(match[0]))));
  return tokens;
}

// Both tone placements are in everyday use ("hoá"/"hóa", "thuỷ"/"thủy") and NFC keeps them apart; moving the one
// tone mark to the end of the syllable makes them one form.
function placeToneLast(syllable: string): string {
  const decomposed = syllable.normalize('NFD');
  const tones = decomposed.match(TONE_MARKS);
  if (!tones) return syllable;
  return (decomposed.replace(TONE_MARKS, '') + tones.join('')).normalize('NFC');
}

// Both spellings of a final "y"/"i" after one consonant are standard ("tỷ"/"tỉ", "kỹ"/"kĩ", "bác sỹ"/"bác sĩ",
// "quý"/"quí"); outlets pick different ones for the same words, so they become one syllable. Works on folded
// syllables and on marked ones whose tone mark placeToneLast moved to the end.
function unifyFinalY(syllable: string): string {
  const decomposed = syllable.normalize('NFD');
  const match = /^([bdhklmnstv]|qu)y([\u0300\u0301\u0303\u0309\u0323]?)$/.exec(decomposed);
  return match ? `${match[1]}i${match[2]}`.normalize('NFC') : syllable;
}

/** True when the text carries Vietnamese diacritics or đ, i.e. its marked syllables are meaningful. */
export function hasDiacritics(text: string): boolean {
  return /[\u0300-\u036f]|[đĐ]/.test(text.normalize('NFD'));
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
