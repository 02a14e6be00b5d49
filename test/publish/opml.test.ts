import { decodeXML } from 'entities';
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

  it('is well-formed XML whose attributes decode back to the source names and URLs', async () => {
    // rss-parser's strict XML pass runs before it looks at the root: a malformed document fails with a parse error.
    await expect(new Parser().parseString(xml)).rejects.toThrow('Feed not recognized as RSS 1 or 2.');
    const attribute = (name: string) => [...xml.matchAll(new RegExp(` ${name}="([^"<]*)"`, 'g'))].map((match) => decodeXML(match[1]!));
    expect(attribute('title')).toEqual(['Báo "A" & <B>', 'Tuổi Trẻ 🎉']);
    expect(attribute('xmlUrl')).toEqual(['https://a.example/rss?x=1&y=2', 'https://b.example/rss']);
  });
});
