import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { buildOpml } from '../../src/publish/opml.js';

describe('buildOpml', () => {
  const xml = buildOpml('bantin — nguồn tin', [
    { key: 'a', name: 'Báo "A" & <B>', url: 'https://a.example/rss?x=1&y=2', siteUrl: 'https://a.example/', topics: ['chinh-tri', 'kinh-te'] },
    { key: 'b', name: 'Tuổi Trẻ 🎉', url: 'https://b.example/rss', siteUrl: null, topics: [] },
  ]);

  it('writes an OPML 2.0 outline per source with escaped attributes', () => {
    expect(xml).toContain('<opml version="2.0">');
    expect(xml).toContain(
      '<outline type="rss" text="Báo &quot;A&quot; &amp; &lt;B&gt;" title="Báo &quot;A&quot; &amp; &lt;B&gt;" xmlUrl="https://a.example/rss?x=1&amp;y=2" htmlUrl="https://a.example/" category="/chinh-tri,/kinh-te"/>',
    );
    expect(xml).toContain('<outline type="rss" text="Tuổi Trẻ 🎉" title="Tuổi Trẻ 🎉" xmlUrl="https://b.example/rss"/>');
  });

  it('is well-formed XML that reads back to the same names', async () => {
    // rss-parser rejects non-feed roots, but its strict XML pass runs first: a malformed document fails differently.
    await expect(new Parser().parseString(xml)).rejects.toThrow('Feed not recognized as RSS 1 or 2.');
    const names = [...xml.matchAll(/ title="([^"]*)"/g)].map((match) => match[1]);
    expect(names).toEqual(['Báo &quot;A&quot; &amp; &lt;B&gt;', 'Tuổi Trẻ 🎉']);
  });
});
