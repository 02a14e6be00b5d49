import { describe, expect, it } from 'vitest';
import { collapseWhitespace, htmlToPlainText, toPlainText, truncateAtWord } from '../../src/ingest/plain-text.js';

describe('htmlToPlainText', () => {
  it.each([
    ['block elements separate words', '<p>Đoạn một.</p><p>Đoạn hai.</p>', 'Đoạn một. Đoạn hai.'],
    ['line breaks, including </br>, separate words', 'Dòng một<br>dòng hai</br>dòng ba', 'Dòng một dòng hai dòng ba'],
    ['inline markup inside a word does not split it', 'Vi<b>ệt</b> Nam', 'Việt Nam'],
    ['named and numeric entities are decoded', 'đ&atilde; c&oacute; r&#242;ng &amp; &#x1EA1;', 'đã có ròng & ạ'],
    ['script and style bodies are dropped', 'a<script>alert("x")</script> b<style>p{}</style>', 'a b'],
    ['an image becomes a space', 'Ảnh<img src="x.jpg">chú thích', 'Ảnh chú thích'],
    ['whitespace collapses, including newlines and nbsp', ' \n Hà\u00a0\u00a0Nội \t ', 'Hà Nội'],
    ['a lone less-than stays text', 'Lãi suất < 5%', 'Lãi suất < 5%'],
    ['decomposed text comes out NFC', 'Vie\u0323\u0302t', 'Việt'],
    ['empty input', '', ''],
  ])('%s', (_name, html, expected) => {
    expect(htmlToPlainText(html)).toBe(expected);
  });
});

describe('toPlainText', () => {
  it.each([
    ['double-escaped ampersand', 'Tin &amp;amp; bài', 'Tin & bài'],
    ['escaped markup', '&lt;b&gt;Nóng&lt;/b&gt;: giá tăng', 'Nóng: giá tăng'],
    ['an already clean title', 'Giá vàng hôm nay', 'Giá vàng hôm nay'],
    ['AT&T stays as written', 'AT&T mua lại', 'AT&T mua lại'],
  ])('%s', (_name, input, expected) => {
    expect(toPlainText(input)).toBe(expected);
  });
});

describe('collapseWhitespace', () => {
  it('drops control characters that Postgres refuses', () => {
    expect(collapseWhitespace('a\u0000b\u0007 c')).toBe('ab c');
  });
});

describe('truncateAtWord', () => {
  const text =
    'Thủ tướng yêu cầu các bộ, ngành khẩn trương hoàn thiện hồ sơ dự án đường sắt tốc độ cao Bắc Nam trước ngày 15 tháng 10 năm nay';

  it('returns short text unchanged', () => {
    expect(truncateAtWord('Ngắn gọn', 400)).toBe('Ngắn gọn');
    expect(truncateAtWord(text, text.length)).toBe(text);
  });

  it.each([20, 33, 47, 60, 81, 100])('cuts at a syllable boundary within %i characters', (max) => {
    const cut = truncateAtWord(text, max);
    expect(cut.length).toBeLessThanOrEqual(max);
    expect(cut.endsWith('…')).toBe(true);
    const kept = cut.slice(0, -1);
    expect(text.startsWith(kept)).toBe(true);
    // The character after the kept part in the original is a space or punctuation that was trimmed: no syllable is split.
    expect(text.slice(kept.length)).toMatch(/^[\s,]/);
  });

  it('drops trailing punctuation before the ellipsis', () => {
    expect(truncateAtWord('Hà Nội, Huế, Đà Nẵng', 14)).toBe('Hà Nội, Huế…');
  });

  it('cuts a single unbroken run at a character boundary', () => {
    const url = `https://example.vn/${'a'.repeat(50)}`;
    const cut = truncateAtWord(url, 30);
    expect(cut).toBe(`${url.slice(0, 29)}…`);
  });

  it('never separates a base letter from a combining mark', () => {
    const decomposed = `${'x'.repeat(8)}e\u0323\u0302${'y'.repeat(8)}`;
    const cut = truncateAtWord(decomposed, 11);
    expect(cut).toBe(`${'x'.repeat(8)}…`);
  });
});
