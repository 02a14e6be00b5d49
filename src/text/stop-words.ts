// Vietnamese function syllables, in folded form. Folding merges words ("tài" and "tại" both become "tai"), so a
// syllable is a stop word only when every common word it folds from is a function word.
const STOP_WORDS = new Set([
  'va', 'cua', 'cac', 'nhung', 'la', 'duoc', 'cho', 'voi', 'trong', 'nay', 'do', 'khi', 'theo', 'mot', 'nhieu',
  'sau', 'truoc', 'se', 'bi', 'boi', 'vao', 'ra', 'len', 'hay', 'neu', 'ay', 'kia', 'nao', 'gi', 'rat', 'nua', 'o',
  'tren', 'den', 'moi', 'vua', 'dieu', 'viec', 'hon', 'cu', 'nen', 'phai',
]);

// Function words in most uses that fold onto content words: "tai" (tại / tài chính, tai nạn), "da" (đã / bóng đá),
// "co" (có / cổ phiếu), "tu" (từ / đầu tư), "thi" (thì / kỳ thi). Kept in shingles and keyword rules; dropped only
// from classifier unigrams, where they are mostly noise.
const AMBIGUOUS_FUNCTION_WORDS = new Set(['tai', 've', 'tu', 'de', 'da', 'co', 'khong', 'chi', 'vi', 'cung', 'nhu', 'ma', 'thi']);

/** True when the folded syllable is a Vietnamese function word in every common reading. */
export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

/** True when the folded syllable is a function word in at least one common reading. */
export function isFunctionSyllable(token: string): boolean {
  return STOP_WORDS.has(token) || AMBIGUOUS_FUNCTION_WORDS.has(token);
}
