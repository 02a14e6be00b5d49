import { readFileSync } from 'node:fs';
import sanitizeHtml from 'sanitize-html';
import { describe, expect, it } from 'vitest';
import { findFirstImageSrc, htmlToPlainText, sanitizeContentHtml, unescapeEscapedHtml } from '../../src/ingest/sanitize.js';
import { findUnsafeMarkup } from './unsafe-markup.js';

interface SanitizeCase {
  name: string;
  origin: string;
  html: string;
  baseUrl?: string;
  expected: string;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/normalize/sanitize.json', import.meta.url), 'utf8')) as {
  defaultBaseUrl: string;
  cases: SanitizeCase[];
};

describe('sanitizeContentHtml', () => {
  it('carries at least 30 cases from the feedparser sanitize suite', () => {
    expect(fixture.cases.filter((c) => c.origin.startsWith('feedparser/')).length).toBeGreaterThanOrEqual(30);
  });

  describe.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const output = sanitizeContentHtml(c.html, c.baseUrl ?? fixture.defaultBaseUrl);

    it('gives the expected HTML', () => {
      expect(output).toBe(c.expected);
    });

    it('leaves no script, event handler, style or unsafe URL', () => {
      expect(findUnsafeMarkup(output)).toEqual([]);
    });

    it('is stable when applied again', () => {
      expect(sanitizeContentHtml(output, c.baseUrl ?? fixture.defaultBaseUrl)).toBe(output);
    });
  });

  it('checks with a detector that flags the raw input of every case that needs cleaning', () => {
    const harmless = new Set(['item_description_blink', 'entity-escaped-script-in-text']);
    for (const c of fixture.cases) {
      if (!harmless.has(c.name)) expect(findUnsafeMarkup(c.html), c.name).not.toEqual([]);
    }
  });

  it.each(['Giá &amp; lãi > 5 &lt; 6', 'AT&T &copy 2026 &notanentity;', 'r&#242;ng &atilde; "trích"', 'a &amp;lt;b&amp;gt; c'])(
    'escapes markup-free text exactly as sanitize-html does: %s',
    (text) => {
      expect(sanitizeContentHtml(text, fixture.defaultBaseUrl)).toBe(sanitizeHtml(text));
    },
  );

  it('returns an empty string for blank input', () => {
    expect(sanitizeContentHtml('  \n ', fixture.defaultBaseUrl)).toBe('');
  });

  it('keeps the text of disallowed wrappers but drops script bodies', () => {
    expect(sanitizeContentHtml('<font color="red">Hà <blink>Nội</blink></font><script>var x = "Huế";</script>', fixture.defaultBaseUrl)).toBe('Hà Nội');
  });
});

describe('unescapeEscapedHtml', () => {
  it.each([
    ['escaped paragraph', '&lt;p&gt;Giá &amp;amp; lãi&lt;/p&gt;', '<p>Giá &amp; lãi</p>'],
    ['escaped markup beside a real </br>', '&lt;img src="a.jpg"&gt;</br>Chữ', '<img src="a.jpg"></br>Chữ'],
    ['escaped comment', '&lt;!-- x --&gt;Chữ', '<!-- x -->Chữ'],
  ])('unescapes an %s once', (_name, input, expected) => {
    expect(unescapeEscapedHtml(input)).toBe(expected);
  });

  it.each([
    ['real HTML with an escaped tag in its text', '<p>Thẻ &lt;b&gt; in đậm</p>'],
    ['plain text with a less-than sign', 'Lãi suất &lt;5% một năm'],
    ['plain text', 'Không có thẻ nào'],
  ])('leaves %s alone', (_name, input) => {
    expect(unescapeEscapedHtml(input)).toBe(input);
  });
});

describe('findFirstImageSrc', () => {
  it('returns the first image source with entities decoded', () => {
    expect(findFirstImageSrc('<p>x</p><img alt="a" src="https://a.vn/1.jpg?w=1&amp;h=2" /><img src="https://a.vn/2.jpg" />')).toBe(
      'https://a.vn/1.jpg?w=1&h=2',
    );
    expect(findFirstImageSrc('<p>không ảnh</p>')).toBeNull();
  });
});

describe('htmlToPlainText (re-exported for the parser)', () => {
  it('is the plain-text converter', () => {
    expect(htmlToPlainText('<p>Một</p><p>Hai</p>')).toBe('Một Hai');
  });
});
