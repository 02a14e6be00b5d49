import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/ingest/html/extract-article.js';
import { htmlToPlainText } from '../../../src/ingest/sanitize.js';

const FIXTURES = new URL('../../fixtures/html/', import.meta.url);
const TIMEZONE = 'Asia/Ho_Chi_Minh';

interface Expected {
  url: string;
  title: string;
  publishedAt: string | null;
  author: string | null;
  lead: string | null;
  imageUrl: string | null;
  summary: string;
  bodyText: string;
}

function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

function extractFixture(name: string, url: string) {
  const result = extractArticle(readFixture(`${name}.html`), url, { timezone: TIMEZONE });
  if (!result.ok) throw new Error(`${name}: ${result.reason}`);
  return result.article;
}

// Text that is page furniture on these layouts and must never reach an item.
const FURNITURE = ['bình luận', 'In bài', 'Chia sẻ', 'Tin cùng chuyên mục', 'Tin liên quan', 'Xem thêm', 'Facebook', 'Zalo', 'lượt thích', 'Đọc nhiều', 'Trang chủ', 'Giấy phép'];

describe.each(['antd-bullet-date', 'antd-inline-bullets', 'vne-weekday-date', 'jsonld-only', 'meta-only'])('extractArticle on %s', (name) => {
  const expected = JSON.parse(readFixture(`${name}.expected.json`)) as Expected;
  const article = extractFixture(name, expected.url);

  it('reads title, time, author, lead and image', () => {
    expect(article.title).toBe(expected.title);
    expect(article.publishedAt?.toISOString() ?? null).toBe(expected.publishedAt);
    expect(article.author).toBe(expected.author);
    expect(article.lead).toBe(expected.lead);
    expect(article.imageUrl).toBe(expected.imageUrl);
    expect(article.summary).toBe(expected.summary);
  });

  it('keeps exactly the article text, without furniture', () => {
    const text = htmlToPlainText(article.contentHtml);
    expect(text).toBe(expected.bodyText);
    for (const furniture of FURNITURE) expect(text).not.toContain(furniture);
  });

  it('returns sanitized HTML with absolute links', () => {
    expect(article.contentHtml).not.toMatch(/<script|<form|<nav|class=|style=|javascript:/i);
    expect(article.contentHtml).not.toMatch(/(?:src|href)="\//);
  });
});

// Distinct paragraphs: identical ones back to back would be cleaned away as repeats.
const PARAGRAPHS = [1, 2, 3, 4].map((n) => `<p>Đoạn ${n} của bài viết đủ dài để được coi là một bài báo thực sự, với nhiều câu văn liên tiếp nhau.</p>`).join('');

describe('extractArticle', () => {
  it('reads the ANTD layout as the issue describes: 28 July 2017 14:30 in Hanoi, Châu Anh, one caption', () => {
    const article = extractFixture('antd-bullet-date', 'https://www.antd.example/chinh-tri/cong-tac-thong-tin-doi-ngoai.html');
    expect(article.publishedAt?.toISOString()).toBe('2017-07-28T07:30:00.000Z');
    const text = htmlToPlainText(article.contentHtml);
    expect(text.startsWith('ANTD.VN - Sáng 28-7, Ban Chỉ đạo')).toBe(true);
    expect(text.split('Quang cảnh hội nghị sơ kết').length - 1).toBe(1);
    expect(text).not.toContain('Châu Anh');
    expect(text).not.toContain('28/07/2017');
  });

  it('reads a naive JSON-LD time in the source timezone', () => {
    const html = readFixture('jsonld-only.html');
    const inHanoi = extractArticle(html, 'https://tuoitre.example/a.htm', { timezone: TIMEZONE });
    const inUtc = extractArticle(html, 'https://tuoitre.example/a.htm', { timezone: 'UTC' });
    expect(inHanoi.ok && inHanoi.article.publishedAt?.toISOString()).toBe('2017-07-28T07:30:00.000Z');
    expect(inUtc.ok && inUtc.article.publishedAt?.toISOString()).toBe('2017-07-28T14:30:00.000Z');
  });

  it('reads <time datetime> inside the article, not a sidebar time before it', () => {
    const html = `<html><body><aside><time datetime="2020-01-01T00:00:00Z">1/1/2020</time></aside>
      <article><h1>Tiêu đề bài viết về thời gian</h1><time datetime="2017-07-28T14:30:00+07:00">hôm qua</time>${PARAGRAPHS}</article></body></html>`;
    const result = extractArticle(html, 'https://antd.example/a.html', { timezone: TIMEZONE });
    expect(result.ok && result.article.publishedAt?.toISOString()).toBe('2017-07-28T07:30:00.000Z');
  });

  it('prefers the visible date next to the title over the date in the page header', () => {
    const html = `<html><body><div class="wrap"><div class="top">Thứ bảy, 29/07/2017</div><div class="menu">Trang chủ</div>
      <h1>Tiêu đề bài viết về thời gian</h1><div class="meta">28/07/2017 14:30</div>${PARAGRAPHS}</div></body></html>`;
    const result = extractArticle(html, 'https://antd.example/a.html', { timezone: TIMEZONE });
    expect(result.ok && result.article.publishedAt?.toISOString()).toBe('2017-07-28T07:30:00.000Z');
  });

  it('drops the site name from og:title when the <h1> shows the bare title', () => {
    const html = `<html><head><meta property="og:title" content="Tiêu đề bài viết về thời gian - Báo Mới"></head><body><article><h1>Tiêu đề bài viết về thời gian</h1>${PARAGRAPHS}</article></body></html>`;
    const result = extractArticle(html, 'https://antd.example/a.html', { timezone: TIMEZONE });
    expect(result.ok && result.article.title).toBe('Tiêu đề bài viết về thời gian');
  });

  it('refuses a contact page and a section page', () => {
    expect(extractArticle(readFixture('not-article-contact.html'), 'https://antd.example/lien-he.html', { timezone: TIMEZONE })).toEqual({ ok: false, reason: 'no-body' });
    expect(extractArticle(readFixture('not-article-section.html'), 'https://antd.example/thoi-su', { timezone: TIMEZONE })).toEqual({ ok: false, reason: 'not-article' });
  });

  it('refuses a page without any title', () => {
    const html = `<html><body><div>${'<p>Nội dung bài viết khá dài để vượt ngưỡng độ dài tối thiểu của phần thân.</p>'.repeat(6)}</div></body></html>`;
    expect(extractArticle(html, 'https://antd.example/x.html', { timezone: TIMEZONE })).toEqual({ ok: false, reason: 'no-title' });
  });

  it('lets per-source selectors override every field and drop blocks first', () => {
    const html = readFixture('antd-bullet-date.html');
    const result = extractArticle(html, 'https://antd.example/a.html', {
      timezone: TIMEZONE,
      selectors: {
        title: '.breadcrumb a:last-child',
        date: '.top-bar .today',
        author: '.site-footer p',
        lead: '.article-body p:nth-child(2)',
        image: '.logo img',
        body: '.article-body',
        drop: ['.article-body figure', '.article-body .caption'],
      },
    });
    if (!result.ok) throw new Error(result.reason);
    const { article } = result;
    expect(article.title).toBe('Chính trị');
    expect(article.publishedAt?.toISOString()).toBe('2017-07-28T17:00:00.000Z');
    expect(article.author).toBeNull(); // the footer text is a sentence, not a name
    expect(article.lead?.startsWith('Theo báo cáo tại hội nghị')).toBe(true);
    expect(article.imageUrl).toBe('https://antd.example/static/img/logo.png');
    expect(htmlToPlainText(article.contentHtml)).not.toContain('Quang cảnh hội nghị');
    expect(article.summary.startsWith('Theo báo cáo tại hội nghị')).toBe(true);
  });
});
