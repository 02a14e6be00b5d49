// Pairwise comparison of two fingerprints: a similarity score plus vetoes for look-alikes that report different
// events ("giá vàng tăng" Monday vs "giá vàng giảm" Wednesday, the men's vs the women's team).
import { isNumberToken } from '../text/fold.js';
import { computeJaccard } from '../text/signature.js';
import { buildFingerprintShingles, splitKey, type StoryFingerprint } from './fingerprint.js';

export interface ComparableText {
  title: string[];
  body: string[];
  /** Content syllables of title and lede (stop words removed): the set similarity is measured on. */
  content: string[];
  /** Proper names of the title, folded. */
  names: string[];
  /** Title and lede syllables joined with spaces and padded, for phrase look-ups. */
  phrases: string;
}

export type Conflict = 'numbers' | 'direction' | 'team' | 'weekday' | 'names' | 'stage';

// Movement words whose opposite marks a different event. "tăng cường", "tăng trưởng" are not movements.
const RISE = new Set(['tang']);
const FALL = new Set(['giam']);
const NOT_MOVEMENT_NEXT = new Set(['cuong', 'truong', 'toc', 'ca', 'gia']);
// Opposite stages of one kind of event: the opening and the closing of a congress are two stories.
const STAGES: [string, string][] = [['khai mac', 'be mac']];
const WEEKDAYS = ['thu hai', 'thu ba', 'thu tu', 'thu nam', 'thu sau', 'thu bay', 'chu nhat'];

// One poll compares each new item with up to 64 stored items, and the same stored items come back for many new
// items (a story's members, a flood of look-alikes): their token lists are kept instead of re-split each time.
const COMPARABLE_CACHE_SIZE = 10_000;
const comparableCache = new Map<string, ComparableText>();

/** Prepares a fingerprint's token lists once, for many comparisons. The result must not be mutated. */
export function toComparable(fingerprint: StoryFingerprint): ComparableText {
  const key = `${fingerprint.titleKey}\n${fingerprint.bodyKey}\n${fingerprint.namesKey}`;
  const hit = comparableCache.get(key);
  if (hit) return hit;
  const title = splitKey(fingerprint.titleKey);
  const body = splitKey(fingerprint.bodyKey);
  const content = buildFingerprintShingles(fingerprint);
  if (comparableCache.size >= COMPARABLE_CACHE_SIZE) comparableCache.clear();
  const names = fingerprint.namesKey.length === 0 ? [] : fingerprint.namesKey.split('|');
  const built = { title, body, content, names, phrases: ` ${[...title, ...body].join(' ')} ` };
  comparableCache.set(key, built);
  return built;
}

/** Jaccard similarity of the content syllables of title and lede, the measure `stories.threshold` applies to. */
export function measureSimilarity(a: ComparableText, b: ComparableText): number {
  return computeJaccard(a.content, b.content);
}

/** The first reason the two texts cannot be one story, or null. */
export function findConflict(a: ComparableText, b: ComparableText): Conflict | null {
  if (hasNumberConflict(a, b)) return 'numbers';
  if (hasDirectionConflict(a, b)) return 'direction';
  if (hasTeamConflict(a, b) || hasTeamConflict(b, a)) return 'team';
  if (hasWeekdayConflict(a, b)) return 'weekday';
  if (hasNameConflict(a, b)) return 'names';
  if (hasStageConflict(a, b)) return 'stage';
  return null;
}

// Each title names someone or somewhere the other text never mentions (the state visit of Indonesia's president /
// Chile's; charges in Gia Lai / Thanh Hóa). One-sided absence is normal: a rewrite adds a name from the lede.
function hasNameConflict(a: ComparableText, b: ComparableText): boolean {
  return a.names.some((name) => !b.phrases.includes(` ${name} `)) && b.names.some((name) => !a.phrases.includes(` ${name} `));
}

function hasStageConflict(a: ComparableText, b: ComparableText): boolean {
  const titleA = ` ${a.title.join(' ')} `;
  const titleB = ` ${b.title.join(' ')} `;
  return STAGES.some(([x, y]) => {
    const aX = titleA.includes(` ${x} `);
    const aY = titleA.includes(` ${y} `);
    const bX = titleB.includes(` ${x} `);
    const bY = titleB.includes(` ${y} `);
    return (aX && !aY && bY && !bX) || (aY && !aX && bX && !bY);
  });
}

// Rewrites repeat the figures of a release; look-alikes (daily prices, scores, tallies) differ in them.
function hasNumberConflict(a: ComparableText, b: ComparableText): boolean {
  const numbersA = new Set([...a.title, ...a.body].filter(isNumberToken));
  const numbersB = new Set([...b.title, ...b.body].filter(isNumberToken));
  if (numbersA.size < 2 || numbersB.size < 2) return false;
  let shared = 0;
  for (const n of numbersA) if (numbersB.has(n)) shared += 1;
  return shared / Math.min(numbersA.size, numbersB.size) < 0.5;
}

function hasDirectionConflict(a: ComparableText, b: ComparableText): boolean {
  const dirA = findDirection(a);
  const dirB = findDirection(b);
  return dirA !== null && dirB !== null && dirA !== dirB;
}

function findDirection(text: ComparableText): 'rise' | 'fall' | null {
  const fromTitle = readDirection(text.title);
  return fromTitle ?? readDirection(text.body);
}

function readDirection(tokens: string[]): 'rise' | 'fall' | null {
  let rise = false;
  let fall = false;
  tokens.forEach((token, i) => {
    const next = tokens[i + 1] ?? '';
    if (RISE.has(token) && !NOT_MOVEMENT_NEXT.has(next)) rise = true;
    if (FALL.has(token) && !NOT_MOVEMENT_NEXT.has(next)) fall = true;
  });
  if (rise === fall) return null;
  return rise ? 'rise' : 'fall';
}

// A team qualifier in one title ("tuyển nữ", "U23", "futsal") that the other text never mentions: another team.
function hasTeamConflict(a: ComparableText, b: ComparableText): boolean {
  const other = new Set([...b.title, ...b.body]);
  return a.title.some((token) => isTeamQualifier(token) && !other.has(token));
}

function isTeamQualifier(token: string): boolean {
  return token === 'nu' || token === 'futsal' || /^u\d{2}$/.test(token);
}

function hasWeekdayConflict(a: ComparableText, b: ComparableText): boolean {
  const daysA = findWeekdays(a);
  const daysB = findWeekdays(b);
  if (daysA.size === 0 || daysB.size === 0) return false;
  for (const day of daysA) if (daysB.has(day)) return false;
  return true;
}

function findWeekdays(text: ComparableText): Set<string> {
  const joined = ` ${[...text.title, ...text.body].join(' ')} `;
  return new Set(WEEKDAYS.filter((day) => joined.includes(` ${day} `)));
}
