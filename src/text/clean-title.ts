// Outlet suffixes (" - VnExpress", " | Báo Dân trí") and leading labels ("(Chinhphu.vn) -", "ANTD.VN -", "VIDEO:")
// say who published or how, not what happened, so they are removed before any comparison.
import { foldText } from './fold.js';

// Folded names of Vietnamese outlets that appear as title suffixes or lede prefixes.
const OUTLET_NAMES = [
  'vnexpress', 'dan tri', 'tuoi tre', 'tuoi tre online', 'thanh nien', 'vietnamnet', 'vietnamplus', 'nhan dan',
  'lao dong', 'tien phong', 'zing', 'znews', 'zing news', 'vtv', 'vov', 'vtc', 'vtc news', 'cafef', 'cafebiz',
  'vietnambiz', 'vneconomy', 'baochinhphu', 'chinhphu', 'cong an nhan dan', 'cand', 'antd', 'an ninh thu do', 'plo',
  'phap luat', 'nld', 'nldo', 'nguoi lao dong', 'sggp', 'sai gon giai phong', 'hanoimoi', 'ha noi moi', 'kenh14',
  'genk', 'soha', '24h', 'dan viet', 'cong ly', 'bao ve phap luat', 'ttxvn', 'vna', 'qdnd', 'quan doi nhan dan',
  'giao duc thoi dai', 'suc khoe doi song', 'dau tu', 'thanh tra', 'kinh te do thi', 'vietstock', 'vnews',
];
const OUTLET_SET = new Set(OUTLET_NAMES);
const GENERIC_OUTLET = /^(?:bao|tap chi|dien tu|cong thong tin|trang tin)\b|\.(?:vn|com|net|org)$|\b(?:online|news|tv)$/;

const LABELS = new Set([
  'video', 'clip', 'anh', 'photo', 'infographic', 'truc tiep', 'live', 'nong', 'podcast', 'emagazine', 'e magazine',
  'chum anh', 'toan canh', 'cap nhat', 'update', 'tin nong', 'doc nhanh', 'interactive', 'longform', 'megastory',
]);

const SUFFIX_SEPARATOR = /\s+[-–—|:]\s+(?=[^-–—|:]+$)/;
const LEADING_PAREN = /^\s*[([]([^()[\]]{1,40})[)\]]\s*(?:[-–—:]\s*)?/;
const LEADING_DOMAIN = /^\s*([\p{L}\d.]{2,30}\.(?:vn|com|net))\s*[-–—:]\s*/iu;
const LEADING_LABEL = /^\s*([\p{L}\s]{2,20}?)\s*[:|]\s+/u;

/** Strips outlet suffixes and leading labels from a title; never returns an empty string for a non-empty title. */
export function stripTitleDecorations(title: string, sourceName = ''): string {
  const stripped = stripTrailingOutlet(stripLeadingLabels(title), sourceName).trim();
  return stripped.length > 0 ? stripped : title.trim();
}

/** Strips leading outlet tags and labels ("(Chinhphu.vn) -", "ANTD.VN -", "VIDEO:") from a title or lede. */
export function stripLeadingLabels(text: string): string {
  let current = text;
  for (let round = 0; round < 3; round += 1) {
    const next = stripOneLeadingLabel(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

function stripOneLeadingLabel(text: string): string {
  const paren = LEADING_PAREN.exec(text);
  if (paren && isOutletOrLabel(paren[1] ?? '')) return text.slice(paren[0].length);
  const domain = LEADING_DOMAIN.exec(text);
  if (domain) return text.slice(domain[0].length);
  const label = LEADING_LABEL.exec(text);
  if (label && isOutletOrLabel(label[1] ?? '')) return text.slice(label[0].length);
  return text;
}

function stripTrailingOutlet(title: string, sourceName: string): string {
  const match = SUFFIX_SEPARATOR.exec(title);
  if (!match) return title;
  const tail = title.slice(match.index + match[0].length);
  return isOutletName(tail, sourceName) ? title.slice(0, match.index) : title;
}

function isOutletOrLabel(text: string): boolean {
  const folded = foldText(text);
  return LABELS.has(folded) || isOutletName(text, '');
}

/** True when the text names an outlet (a known one, the given source, or "Báo …", "….vn", "… Online"). */
export function isOutletName(text: string, sourceName: string): boolean {
  const folded = foldText(text).replace(/\s+/g, ' ').trim();
  if (folded.length === 0 || folded.split(' ').length > 6) return false;
  if (OUTLET_SET.has(folded) || GENERIC_OUTLET.test(folded)) return true;
  const source = foldText(sourceName);
  return folded.length >= 3 && source.length > 0 && source.includes(folded);
}
