// The meta line Vietnamese press prints under a title, "• 28/07/2017 14:30 • 0 bình luận • Châu Anh • In bài":
// when no markup names the author, the name is the part of that line that is neither date nor furniture.
import { isFurnitureText } from './clean-article.js';
import { readText } from './dom.js';
import { hasVisibleDate } from './vn-dates.js';

const LINE_SEPARATORS = /\s*[•·|]\s*/;
/** The meta line follows the title closely. */
const SIBLINGS_SEARCHED = 3;
const MAX_NAME_WORDS = 5;
const NO_CONTEXT = { title: null, author: null };

/** The author named in the date line right after the title, or null. */
export function readAuthorFromDateLine(heading: Element | null): string | null {
  let sibling = heading?.nextElementSibling ?? null;
  for (let index = 0; sibling !== null && index < SIBLINGS_SEARCHED; index += 1) {
    const text = readText(sibling);
    if (hasVisibleDate(text)) return findNameInLine(text);
    sibling = sibling.nextElementSibling;
  }
  return null;
}

function findNameInLine(line: string): string | null {
  const parts = line.split(LINE_SEPARATORS).filter((part) => part !== '');
  if (parts.length < 2) return null;
  return parts.find((part) => isPersonName(part) && !hasVisibleDate(part) && !isFurnitureText(part, NO_CONTEXT)) ?? null;
}

/** Vietnamese names capitalise every syllable: "Châu Anh", "Nguyễn Văn Hùng". */
function isPersonName(text: string): boolean {
  const words = text.split(' ');
  return words.length <= MAX_NAME_WORDS && words.every((word) => /^\p{Lu}\p{Ll}*\.?$/u.test(word));
}
