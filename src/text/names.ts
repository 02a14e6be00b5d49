// Proper names in a headline: the runs of capitalised words a Vietnamese title writes in sentence case ("Tổng thống
// Indonesia", "Khởi tố nguyên giám đốc Ban quản lý dự án tỉnh Thanh Hóa"). Look-alike stories share their wording and
// differ in exactly these (Indonesia / Chile, Gia Lai / Thanh Hóa, Hà Nội / TP.HCM), so story comparison vetoes a
// pair whose titles each name something the other text never mentions.
import { tokenizeSyllables } from './fold.js';

/** A word written with an initial capital (or an all-caps / mixed-case code such as "TP.HCM", "AAE-1", "iPhone"). */
const NAME_WORD = /^(?:\p{Lu}|\p{Ll}+\p{Lu})/u;
/** Punctuation after which the next word is capitalised by convention, not because it is a name. */
const CLAUSE_END = /[:;.!?…"“”'‘’()[\]|–—-]$/u;
const CLAUSE_START = /^[:;.!?…"“”'‘’()[\]|–—-]/u;

/**
 * The folded proper-name phrases of a title, each as its syllables joined by spaces. A title in capitals has none
 * (case says nothing there); a capital on the first word of a clause counts only when the next word continues the
 * name ("Nguyễn Thùy Linh vào…" gives "nguyen thuy linh"; "Khởi tố…" gives nothing), or when it is the title's
 * dateline, one word before a colon ("TP.HCM: Hơn 2,5 triệu học sinh…", "Mỹ: …"; labels such as "VIDEO:" are
 * stripped before names are read).
 */
export function extractTitleNames(title: string): string[] {
  if (!/\p{Ll}/u.test(title)) return [];
  const names: string[] = [];
  let run: string[] = [];
  let runStartsClause = false;
  let atClauseStart = true;
  let isDateline = false;
  const flush = () => {
    if (run.length > 0 && (!(runStartsClause && run.length === 1) || isDateline)) {
      const tokens = tokenizeSyllables(run.join(' '));
      if (tokens.length > 0) names.push(tokens.join(' '));
    }
    run = [];
  };
  title.split(/\s+/).filter((w) => w.length > 0).forEach((raw, index) => {
    isDateline = index === 0 && raw.endsWith(':');
    const startsClause = atClauseStart || CLAUSE_START.test(raw);
    const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (word.length > 0 && NAME_WORD.test(word)) {
      if (run.length === 0) runStartsClause = startsClause;
      else if (CLAUSE_START.test(raw)) {
        flush();
        runStartsClause = true;
      }
      run.push(word);
    } else {
      flush();
    }
    atClauseStart = CLAUSE_END.test(raw) || word.length === 0;
    if (CLAUSE_END.test(raw)) flush();
    isDateline = false;
  });
  flush();
  return [...new Set(names)];
}
