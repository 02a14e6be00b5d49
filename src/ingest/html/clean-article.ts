// Removes page furniture that a readability pass leaves in Vietnamese press articles: share/print/comment
// counters, date and byline lines, related-news blocks and captions or paragraphs repeated back to back.
import { collapseWhitespace, parseHtmlDocument, readText } from './dom.js';

export interface CleanContext {
  title: string | null;
  author: string | null;
}

const FURNITURE_WORDS = new RegExp(
  '^(?:in bài|bản in|print|chia sẻ|share|bình luận|comments?|gửi bài|gửi email|email|lưu|lưu bài|lưu bài viết|theo dõi|' +
    'facebook|twitter|zalo|tweet|thích|like|copy link|sao chép liên kết|báo lỗi|phản hồi|góp ý|a\\+|a-|aa|cỡ chữ|nghe đọc|' +
    'nghe bài viết|trở lại|quay lại|về đầu trang|\\d+\\s*(?:bình luận|comments?|lượt xem|lượt thích|views?|likes?|chia sẻ|shares?))$',
  'i',
);
const RELATED_HEADING = new RegExp(
  '^(?:tin cùng chuyên mục|cùng chuyên mục|tin liên quan|bài liên quan|bài viết liên quan|xem thêm|đọc thêm|tin khác|' +
    'các tin khác|tin mới|tin mới nhất|tin nổi bật|tin đọc nhiều|có thể bạn quan tâm|related(?: news| articles| stories)?|see also|more stories)\\s*:?$',
  'i',
);
const RELATED_PREFIX = /^(?:xem thêm|đọc thêm|tin liên quan|bài liên quan|>>)\s*:/i;
const DATE_LEFTOVERS = /(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4})|(?:\d{1,2}\s*[:hg]\s*\d{2}(?::\d{2})?)|(?:(?:gmt|utc)\s*[+-]?\s*\d{0,2})|(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ nhật)|(?<!\p{L})(?:cập nhật|đăng lúc|ngày đăng|ngày|lúc|giờ|am|pm|sa|ch)(?!\p{L})/giu;
const ITEM_SEPARATORS = /\s*[•·|]\s*/;
const LEAF_BLOCKS = 'p, figcaption, li, h2, h3, h4, h5, h6, blockquote, pre, td, dd, dt, div, span, em, i, small';
const CANDIDATES = 'p, li, ul, ol, div, span, a, small, time, header, footer, section, h2, h3, h4, h5, h6, strong, b, em, i';
const MEDIA = 'img, picture, video, audio, iframe, figure, svg, table';
const LINK_DENSE = 0.5;

export interface CleanedBody {
  /** The cleaned HTML, not yet sanitized. */
  html: string;
  /** Its text, whitespace collapsed. */
  text: string;
  /** Share of the text inside links (0..1). */
  linkDensity: number;
}

/** Cleans an extracted article body; also measures it, so the caller need not parse it again. */
export function cleanArticleHtml(html: string, context: CleanContext): CleanedBody {
  const document = parseHtmlDocument(`<!doctype html><html><body>${html}</body></html>`);
  const body = document.body;
  removeRelatedBlocks(body);
  removeFurniture(body, context);
  removeRepeatedBlocks(body);
  removeEmptyContainers(body);
  return { html: body.innerHTML, text: readText(body), linkDensity: measureLinkDensity(body) };
}

/** True when the text is only counters, share/print words, a date line and/or the author's name. */
export function isFurnitureText(text: string, context: CleanContext): boolean {
  const parts = collapseWhitespace(text).split(ITEM_SEPARATORS).filter((part) => part !== '');
  return parts.length > 0 && parts.every((part) => isFurniturePart(part, context));
}

function isFurniturePart(part: string, context: CleanContext): boolean {
  const lower = part.toLowerCase();
  if (FURNITURE_WORDS.test(part)) return true;
  if (context.author !== null && lower === context.author.toLowerCase()) return true;
  if (context.title !== null && lower === context.title.toLowerCase()) return true;
  return isDateLine(part);
}

function isDateLine(text: string): boolean {
  if (!/\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}/.test(text)) return false;
  return text.replace(DATE_LEFTOVERS, '').replace(/[\s,()\-–:.]+/g, '') === '';
}

function removeRelatedBlocks(root: Element): void {
  for (const element of Array.from(root.querySelectorAll('*'))) {
    if (!element.isConnected) continue;
    const text = readText(element);
    if (RELATED_HEADING.test(text) && !hasMatchingChild(element)) removeRelatedFrom(root, element);
    else if (RELATED_PREFIX.test(text) && measureLinkDensity(element) >= LINK_DENSE && element.matches('p, li, div')) element.remove();
  }
}

function hasMatchingChild(element: Element): boolean {
  return Array.from(element.children).some((child) => RELATED_HEADING.test(readText(child)));
}

// The heading's block is the widest ancestor the heading starts; what follows it is the list of links.
function removeRelatedFrom(root: Element, heading: Element): void {
  const headingText = readText(heading);
  let block = heading;
  while (block.parentElement !== null && block.parentElement !== root && readText(block.parentElement).startsWith(headingText) && isRestLinkDense(block.parentElement, headingText)) {
    block = block.parentElement;
  }
  let next = block.nextElementSibling;
  block.remove();
  while (next !== null && (readText(next) === '' ? next.querySelector(MEDIA) === null : measureLinkDensity(next) >= LINK_DENSE)) {
    const following = next.nextElementSibling;
    next.remove();
    next = following;
  }
}

function isRestLinkDense(element: Element, headingText: string): boolean {
  const rest = readText(element).length - headingText.length;
  return rest <= 0 || measureLinkText(element) / rest >= LINK_DENSE;
}

function measureLinkDensity(element: Element): number {
  const length = readText(element).length;
  return length === 0 ? 0 : measureLinkText(element) / length;
}

function measureLinkText(element: Element): number {
  return Array.from(element.querySelectorAll('a')).reduce((sum, a) => sum + readText(a).length, 0);
}

// Deepest first, so a meta line loses its items one by one and then goes as an empty container.
function removeFurniture(root: Element, context: CleanContext): void {
  for (const element of Array.from(root.querySelectorAll(CANDIDATES)).reverse()) {
    if (element.querySelector(MEDIA) !== null) continue;
    const text = readText(element);
    if (text !== '' && isFurnitureText(text, context)) element.remove();
  }
}

// Compares leaf blocks in reading order; an <em> inside a caption <p> is part of that leaf, not a repeat of it.
function removeRepeatedBlocks(root: Element): void {
  let previous = '';
  let lastLeaf: Element | null = null;
  for (const element of Array.from(root.querySelectorAll(LEAF_BLOCKS))) {
    if (hasBlockChild(element) || (lastLeaf !== null && lastLeaf.contains(element))) continue;
    lastLeaf = element;
    const text = readText(element).toLowerCase();
    if (text === '') continue;
    if (text === previous) element.remove();
    previous = text;
  }
}

function hasBlockChild(element: Element): boolean {
  return element.querySelector('p, div, li, figcaption, blockquote, h2, h3, h4, h5, h6, ul, ol, table') !== null;
}

function removeEmptyContainers(root: Element): void {
  for (const element of Array.from(root.querySelectorAll('div, p, ul, ol, li, section, span, figure, header, footer')).reverse()) {
    if (readText(element) === '' && element.querySelector(MEDIA) === null && !element.matches(MEDIA)) element.remove();
  }
}
