// Pairwise comparison of two fingerprints: a similarity score plus vetoes for look-alikes that report different
// events ("giá vàng tăng" Monday vs "giá vàng giảm" Wednesday, the men's vs the women's team).
import { contractAliases } from '../text/aliases.js';
import { extractDocumentNumbers } from '../text/document-numbers.js';
import { extractFigures } from '../text/figures.js';
import { computeJaccard } from '../text/signature.js';
import { findTitlePlaces, mentionsPlace } from '../text/places.js';
import { isStopWord } from '../text/stop-words.js';
import { weighSyllables, type WeightedSyllables } from '../text/syllable-weights.js';
import { buildFingerprintShingles, splitKey, type StoryFingerprint } from './fingerprint.js';

export interface ComparableText {
  title: string[];
  body: string[];
  /** Content syllables of title and lede (stop words removed): the set similarity is measured on. */
  content: string[];
  /** The content syllables, distinct and sorted, with their rarity weight (text/syllable-weights.ts). */
  weighted: WeightedSyllables;
  /** The same for the title's content syllables alone. */
  titleWeighted: WeightedSyllables;
  /** Proper names of the title, folded. */
  names: string[];
  /** Title and lede syllables joined with spaces and padded, for phrase look-ups. */
  phrases: string;
  /** Day/month dates of title and lede ("5/10"). */
  dates: string[];
  /** Distinct figures of title and lede: numbers other than years and month or quarter counts (text/figures.ts). */
  figures: Set<string>;
  /** Legal document numbers cited in title and lede ("214/nd-cp"; text/document-numbers.ts). */
  documents: Set<string>;
  /** Provinces and cities the title's proper names name ("ha noi", "tphcm"; text/places.ts). */
  places: Set<string>;
}

/** Differences that make two texts two events whatever else they share. */
export type Conflict = 'direction' | 'team' | 'weekday' | 'stage' | 'document' | 'place' | 'names' | 'numbers';

/** Content-syllable Jaccard from which two texts count as one template (the same wording filled in twice). */
const TEMPLATE_JACCARD = 0.5;

// Movement words whose opposite marks a different event. "tăng cường", "tăng trưởng" are not movements.
const RISE = new Set(['tang']);
const FALL = new Set(['giam']);
const NOT_MOVEMENT_NEXT = new Set(['cuong', 'truong', 'toc', 'ca', 'gia']);
// Opposite stages of one kind of event, each named by any of its phrases: the opening and the closing of a
// congress, the first-instance and the appeal trial, a trial opening and its verdict are two stories each.
const STAGES: [string[], string[]][] = [
  [['khai mac'], ['be mac']],
  [['so tham'], ['phuc tham']],
  [
    ['hau toa', 'ra toa', 'mo phien toa', 'bat dau xet xu', 'dua ra xet xu'],
    ['linh an', 'tuyen an', 'tuyen phat', 'chung than', 'tu hinh'],
  ],
];
const WEEKDAYS = ['thu hai', 'thu ba', 'thu tu', 'thu nam', 'thu sau', 'thu bay', 'chu nhat'];

// One poll compares each new item with up to 64 stored items, and the same stored items come back for many new
// items (a story's members, a flood of look-alikes): their token lists are kept instead of re-split each time.
const COMPARABLE_CACHE_SIZE = 10_000;
const comparableCache = new Map<string, ComparableText>();

/** Prepares a fingerprint's token lists once, for many comparisons. The result must not be mutated. */
export function toComparable(fingerprint: StoryFingerprint): ComparableText {
  const key = `${fingerprint.titleKey}\n${fingerprint.bodyKey}\n${fingerprint.namesKey}\n${fingerprint.datesKey}`;
  const hit = comparableCache.get(key);
  if (hit) return hit;
  const title = splitKey(fingerprint.titleKey);
  const body = splitKey(fingerprint.bodyKey);
  const content = buildFingerprintShingles(fingerprint);
  const names = splitList(fingerprint.namesKey).map((name) => contractAliases(name.split(' ')).join(' '));
  if (comparableCache.size >= COMPARABLE_CACHE_SIZE) comparableCache.clear();
  const built = {
    title,
    body,
    content,
    weighted: weighSyllables(content),
    titleWeighted: weighSyllables(contractAliases(title).filter((token) => !isStopWord(token))),
    names,
    phrases: ` ${contractAliases([...title, ...body]).join(' ')} `,
    dates: splitList(fingerprint.datesKey),
    figures: extractFigures([...title, ...body]),
    documents: extractDocumentNumbers([...title, ...body]),
    places: findTitlePlaces(names),
  };
  comparableCache.set(key, built);
  return built;
}

function splitList(key: string): string[] {
  return key.length === 0 ? [] : key.split('|');
}

/** Jaccard similarity of the content syllables of title and lede. */
export function measureSimilarity(a: ComparableText, b: ComparableText): number {
  return computeJaccard(a.content, b.content);
}

/**
 * The first reason the two texts cannot be one story, or null. Names and figures veto only between texts of one
 * template (half the wording of title and lede, or of the title alone, shared: "Lễ đón Tổng thống Indonesia / Chile
 * thăm cấp Nhà nước", a daily price table), where they are what differs; between rewrites, which drop and add
 * names and figures, they are evidence the pair score weighs (pair-score.ts).
 */
export function findConflict(a: ComparableText, b: ComparableText): Conflict | null {
  if (hasDirectionConflict(a, b)) return 'direction';
  if (hasTeamConflict(a, b) || hasTeamConflict(b, a) || hasEventConflict(a, b)) return 'team';
  if (hasWeekdayConflict(a, b)) return 'weekday';
  if (hasStageConflict(a, b)) return 'stage';
  if (hasDocumentConflict(a, b)) return 'document';
  if (hasPlaceConflict(a, b)) return 'place';
  const sameTemplate = measureSimilarity(a, b) >= TEMPLATE_JACCARD || measureTitleSimilarity(a, b) >= TEMPLATE_JACCARD;
  if (!sameTemplate) return null;
  if (measureMissingNames(a, b) > 0 && measureMissingNames(b, a) > 0) return 'names';
  // Only when no figure is shared: rewrites of one template pick different subsets of a release's figures (at 0.5
  // this vetoed 55 true pairs and 50 look-alikes of the labeled sets; now 9 and 9), and the pair score weighs the rest.
  if (measureNumberDisagreement(a, b) >= 1) return 'numbers';
  return null;
}

/** Jaccard similarity of the titles' content syllables (the template a ceremony or a daily table is titled by). */
function measureTitleSimilarity(a: ComparableText, b: ComparableText): number {
  return computeJaccard(
    a.title.filter((t) => !isStopWord(t)),
    b.title.filter((t) => !isStopWord(t)),
  );
}

/** Share of a's title names that b's title and lede never mention (0 when a's title names nobody). */
export function measureMissingNames(a: ComparableText, b: ComparableText): number {
  if (a.names.length === 0) return 0;
  return a.names.filter((name) => !b.phrases.includes(` ${name} `)).length / a.names.length;
}

/** Share of the figures not in common, when both texts give at least two (else 0): rewrites repeat a release's
 * figures; look-alikes (daily prices, scores, tallies) differ in them. */
export function measureNumberDisagreement(a: ComparableText, b: ComparableText): number {
  const fewer = Math.min(a.figures.size, b.figures.size);
  if (fewer < 2) return 0;
  let shared = 0;
  for (const n of a.figures) if (b.figures.has(n)) shared += 1;
  return 1 - shared / fewer;
}

/** Both titles name provinces or cities, and neither text mentions any the other's title names. */
function hasPlaceConflict(a: ComparableText, b: ComparableText): boolean {
  if (a.places.size === 0 || b.places.size === 0) return false;
  const mentioned = (places: Set<string>, text: ComparableText) => [...places].some((place) => mentionsPlace(text.phrases, place));
  return !mentioned(a.places, b) && !mentioned(b.places, a);
}

/** Both texts cite legal documents and none in common: two decrees, not one decree reported twice. */
function hasDocumentConflict(a: ComparableText, b: ComparableText): boolean {
  return nameDifferentOnes(a.documents, b.documents);
}

/** Both sides name at least one thing of a kind (a weekday, a document, an event) and none in common. */
function nameDifferentOnes(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const value of a) if (b.has(value)) return false;
  return true;
}

function hasStageConflict(a: ComparableText, b: ComparableText): boolean {
  const titleA = ` ${a.title.join(' ')} `;
  const titleB = ` ${b.title.join(' ')} `;
  const names = (title: string, phrases: string[]) => phrases.some((phrase) => title.includes(` ${phrase} `));
  return STAGES.some(([x, y]) => {
    const aX = names(titleA, x);
    const aY = names(titleA, y);
    const bX = names(titleB, x);
    const bY = names(titleB, y);
    return (aX && !aY && bY && !bX) || (aY && !aX && bX && !bY);
  });
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
  return a.title.some((token, i) => isTeamQualifier(token, a.title[i - 1]) && !other.has(token));
}

// Events of one tournament played by different players: the women's and the men's singles semi-finals of one day
// share the venue, the round and the date. Mixed doubles first, so "đôi nam nữ" is not read as "đôi nam".
const EVENTS = ['doi nam nu', 'don nam', 'don nu', 'doi nam', 'doi nu'];

function hasEventConflict(a: ComparableText, b: ComparableText): boolean {
  return nameDifferentOnes(findEvents(a), findEvents(b));
}

function findEvents(text: ComparableText): Set<string> {
  let rest = text.phrases;
  const found = new Set<string>();
  for (const event of EVENTS) {
    if (!rest.includes(` ${event} `)) continue;
    found.add(event);
    rest = rest.split(` ${event} `).join(' ');
  }
  return found;
}

// "Nữ" names a team after a word for one ("tuyển nữ", "đội nữ", "bóng đá nữ", "futsal nữ"), not in "nữ sinh" or
// "nữ vận động viên", where the women's team is not what differs.
const WOMEN_TEAM_BEFORE = new Set(['tuyen', 'doi', 'da', 'futsal', 'chuyen', 'nghiep']);

function isTeamQualifier(token: string, previous: string | undefined): boolean {
  if (token === 'nu') return previous !== undefined && (WOMEN_TEAM_BEFORE.has(previous) || /^u\d{2}$/.test(previous));
  return token === 'futsal' || /^u\d{2}$/.test(token);
}

function hasWeekdayConflict(a: ComparableText, b: ComparableText): boolean {
  return nameDifferentOnes(findWeekdays(a), findWeekdays(b));
}

function findWeekdays(text: ComparableText): Set<string> {
  const joined = ` ${[...text.title, ...text.body].join(' ')} `;
  return new Set(WEEKDAYS.filter((day) => joined.includes(` ${day} `)));
}
