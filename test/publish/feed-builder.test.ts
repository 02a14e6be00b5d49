import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { buildFeed, type FeedEntry, type FeedMeta } from '../../src/publish/feed-builder.js';

// Fields rss-parser reads beyond its Item type: RSS content:encoded and <source>, Atom id, author and summary.
type ParsedItem = { guid?: string; source?: string; 'content:encoded'?: string; id?: string; author?: string; summary?: string };
const parser = new Parser<Record<string, unknown>, ParsedItem>({ customFields: { item: ['source', 'guid'] } });

const meta: FeedMeta = {
  id: 'urn:bantin:feed:test',
  title: 'bantin — tất cả & <more>',
  description: 'Tin "mới" nhất',
  homeUrl: 'https://bantin.example/',
  selfUrl: 'https://bantin.example/feeds/all.rss',
  nextUrl: 'https://bantin.example/feeds/all.rss?limit=2&before=2026-11-29T05:00:00.000Z~7',
  updated: new Date('2026-11-29T05:00:00Z'),
  language: 'vi',
};

// Each hostile title, and what a reader must get back (characters illegal in XML 1.0 removed).
const TITLES: [string, string][] = [
  ['a < b & c > d "q" \'s\'', 'a < b & c > d "q" \'s\''],
  ['two ]]> ends ]]> here', 'two ]]> ends ]]> here'],
  ['Tom &amp; Jerry &lt;3', 'Tom &amp; Jerry &lt;3'],
  ['<script>alert(1)</script>', '<script>alert(1)</script>'],
  ['Thủ tướng: “Đổi mới” — Hà Nội 🇻🇳🎉', 'Thủ tướng: “Đổi mới” — Hà Nội 🇻🇳🎉'],
  ['bell\u0007 nul\u0000 esc\u001b lone\uD800 ffff\uFFFF tab\tend', 'bell nul esc lone ffff tab\tend'],
];

function makeEntry(index: number, title: string): FeedEntry {
  return {
    id: `urn:bantin:item:${index + 1}`,
    title,
    link: `https://news.example/a?id=${index}&utm=x`,
    summary: `Tóm tắt <${index}> & "trích dẫn" ]]>`,
    contentHtml: `<p>Nội dung ${index} ]]&gt; &amp; <a href="https://x.example/?a=1&amp;b=2">link</a></p>`,
    published: new Date(Date.UTC(2026, 10, 29, 4, 59 - index)),
    updated: new Date(Date.UTC(2026, 10, 29, 5, 0)),
    author: index % 2 === 0 ? 'Nguyễn Văn A & B' : null,
    sourceName: 'Báo <Nhân Dân> & Co',
    sourceUrl: 'https://nhandan.example/rss?x=1&y=2',
    sourceSiteUrl: 'https://nhandan.example/',
    categories: ['Chính trị', 'a<b & "c"'],
    extraHtml: index === 0 ? '<p>Also reported by <a href="https://b.example/">B</a></p>' : undefined,
    imageUrl: 'https://img.example/p.jpg?w=1&h=2',
  };
}

const entries = TITLES.map(([title], index) => makeEntry(index, title));
const expectedTitles = TITLES.map(([, expected]) => expected);

describe('buildFeed rss', () => {
  it('round-trips hostile titles, HTML-escaped descriptions and untouched content through a strict parser', async () => {
    const xml = buildFeed('rss', meta, entries);
    expect(xml).not.toContain('CDATA');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const feed = await parser.parseString(xml);
    expect(feed.title).toBe(meta.title);
    expect(feed.items.map((item) => item.title)).toEqual(expectedTitles);
    const first = feed.items[0]!;
    expect(first.link).toBe(entries[0]!.link);
    expect(first.guid).toBe('urn:bantin:item:1');
    expect(first.content).toBe('Tóm tắt &lt;0&gt; &amp; &quot;trích dẫn&quot; ]]&gt;');
    expect(first['content:encoded']).toBe(`${entries[0]!.contentHtml}\n${entries[0]!.extraHtml}`);
    expect(first.creator).toBe('Nguyễn Văn A & B (Báo <Nhân Dân> & Co)');
    expect(feed.items[1]!.creator).toBe('Báo <Nhân Dân> & Co');
    expect(first.categories).toEqual(['Chính trị', 'a<b & "c"']);
    expect(first.source).toBe('Báo <Nhân Dân> & Co');
    expect(xml).toContain('<source url="https://nhandan.example/rss?x=1&amp;y=2">Báo &lt;Nhân Dân&gt; &amp; Co</source>');
    expect(new Date(first.pubDate!).getTime()).toBe(entries[0]!.published.getTime());
  });

  it('writes the self and next links and the language', () => {
    const xml = buildFeed('rss', meta, entries);
    expect(xml).toContain('<atom:link href="https://bantin.example/feeds/all.rss" rel="self" type="application/rss+xml"/>');
    expect(xml).toContain('before=2026-11-29T05:00:00.000Z~7" rel="next"');
    expect(xml).toContain('<language>vi</language>');
    expect(xml).toContain('<lastBuildDate>Sun, 29 Nov 2026 05:00:00 GMT</lastBuildDate>');
  });
});

describe('buildFeed atom', () => {
  it('round-trips titles as text, content as HTML and names the outlet in <source>', async () => {
    const xml = buildFeed('atom', { ...meta, selfUrl: 'https://bantin.example/feeds/all.atom' }, entries);
    const feed = await parser.parseString(xml);
    expect(feed.title).toBe(meta.title);
    expect(feed.items.map((item) => item.title)).toEqual(expectedTitles);
    const first = feed.items[0]!;
    expect(first.id).toBe('urn:bantin:item:1');
    expect(first.link).toBe(entries[0]!.link);
    expect(first.author).toBe('Nguyễn Văn A & B (Báo <Nhân Dân> & Co)');
    expect(first.summary).toBe(entries[0]!.summary);
    expect(first.content).toBe(`${entries[0]!.contentHtml}\n${entries[0]!.extraHtml}`);
    expect(xml).toContain('<category term="a&lt;b &amp; &quot;c&quot;"/>');
    expect(xml).toMatch(/<source>\s*<id>https:\/\/nhandan\.example\/rss\?x=1&amp;y=2<\/id>\s*<title>Báo &lt;Nhân Dân&gt; &amp; Co<\/title>/);
    expect(xml).toContain('<title type="text">two ]]&gt; ends ]]&gt; here</title>');
  });

  it('falls back to text content when an entry has neither content nor link', async () => {
    const bare: FeedEntry = { ...makeEntry(1, 'bare'), link: null, contentHtml: '', extraHtml: undefined };
    const xml = buildFeed('atom', meta, [bare]);
    expect(xml).toContain(`<content type="text">${'Tóm tắt &lt;1&gt; &amp; "trích dẫn" ]]&gt;'}</content>`);
    const feed = await parser.parseString(xml);
    expect(feed.items[0]!.link).toBeUndefined();
  });
});

describe('buildFeed json', () => {
  it('writes JSON Feed 1.1 with authors, language, the outlet and exact titles', () => {
    const document = JSON.parse(buildFeed('json', { ...meta, selfUrl: 'https://bantin.example/feeds/all.json' }, entries));
    expect(document.version).toBe('https://jsonfeed.org/version/1.1');
    expect(document.language).toBe('vi');
    expect(document.feed_url).toBe('https://bantin.example/feeds/all.json');
    expect(document.next_url).toBe(meta.nextUrl);
    expect(document.items.map((item: { title: string }) => item.title)).toEqual(expectedTitles);
    const first = document.items[0];
    expect(first).toMatchObject({
      id: 'urn:bantin:item:1',
      url: entries[0]!.link,
      summary: entries[0]!.summary,
      content_html: `${entries[0]!.contentHtml}\n${entries[0]!.extraHtml}`,
      image: 'https://img.example/p.jpg?w=1&h=2',
      date_published: '2026-11-29T04:59:00.000Z',
      date_modified: '2026-11-29T05:00:00.000Z',
      authors: [{ name: 'Nguyễn Văn A & B (Báo <Nhân Dân> & Co)', url: 'https://nhandan.example/' }],
      tags: ['Chính trị', 'a<b & "c"'],
      _bantin: { source: { name: 'Báo <Nhân Dân> & Co', feed_url: 'https://nhandan.example/rss?x=1&y=2' } },
    });
    expect(first.author).toBeUndefined();
  });

  it('uses content_text when there is no HTML', () => {
    const bare: FeedEntry = { ...makeEntry(1, 'bare'), contentHtml: ' ', extraHtml: undefined };
    const item = JSON.parse(buildFeed('json', meta, [bare])).items[0];
    expect(item.content_html).toBeUndefined();
    expect(item.content_text).toBe(bare.summary);
  });
});

describe('buildFeed determinism', () => {
  it('produces identical bytes for identical input, so ETags are stable', () => {
    for (const format of ['rss', 'atom', 'json'] as const) {
      expect(buildFeed(format, meta, entries)).toBe(buildFeed(format, meta, entries.map((entry) => ({ ...entry }))));
    }
  });
});
