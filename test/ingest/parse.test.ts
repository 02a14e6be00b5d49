import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/ingest/parse.js';
import { MAX_FEED_ITEMS } from '../../src/ingest/parse-xml.js';
import type { ParsedFeed } from '../../src/ingest/types.js';
import { readFixtureText } from '../fixtures/feeds/load-fixtures.js';

async function parseFixture(file: string): Promise<ParsedFeed> {
  return parseFeed(readFixtureText(file));
}

const rss = (items: string): string => `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${items}</channel></rss>`;

describe('parseFeed: RSS 2.0', () => {
  it('reads guid isPermaLink, media images, categories, ttl and untrimmed titles', async () => {
    const feed = await parseFixture('media-rss.xml');
    expect(feed).toMatchObject({ format: 'rss', title: 'VietnamPlus – Ảnh', link: 'https://www.vietnamplus.vn/anh/', ttlMinutes: 30 });
    const [first, second] = feed.items;
    expect(first).toMatchObject({
      guid: 'vnp-post1',
      guidIsPermalink: false,
      link: 'https://www.vietnamplus.vn/mua-lua-chin-post1.vnp',
      title: '  Mùa lúa chín ở Mù Cang Chải  ',
      contentHtml: '<p>Ruộng bậc thang vào mùa.</p>',
      categories: ['Ảnh', 'Du lịch'],
      published: 'Thu, 08 Oct 2026 06:00:00 +0700',
      // the video media:content is not an image
      imageUrls: ['https://media.vietnamplus.vn/lua-chin.jpg', 'https://media.vietnamplus.vn/lua-chin-thumb.jpg'],
    });
    expect(first?.summaryHtml).toBeUndefined();
    expect(second).toMatchObject({
      guid: 'https://www.vietnamplus.vn/pho-co-hoi-an-post2.vnp',
      guidIsPermalink: true,
      // no <link>: the permalink guid stands in
      link: 'https://www.vietnamplus.vn/pho-co-hoi-an-post2.vnp',
      summaryHtml: '<p>Đèn lồng <b>rực rỡ</b>.</p>',
      // media:group images; the audio enclosure is not one
      imageUrls: ['https://media.vietnamplus.vn/hoi-an.webp', 'https://media.vietnamplus.vn/hoi-an-2.jpg'],
    });
  });

  it('reads image enclosures with their query strings unescaped', async () => {
    const feed = await parseFixture('vnexpress-2026.xml');
    expect(feed.items).toHaveLength(3);
    expect(feed.items[0]?.imageUrls).toEqual([
      'https://vcdn1-kinhdoanh.vnecdn.net/2026/10/08/nord-stream-1791453752-2807-1791455361.jpg?w=1200&h=0&q=100&dpr=1&fit=crop&s=hlDCTZbkSJBxCOcavyjD_w',
    ]);
    expect(feed.items[0]?.summaryHtml).toContain('</a></br>Giới chức Nga');
  });

  it('reads `<guid >`, two-digit years as written and ignores atom:link rel=self as the site link', async () => {
    const feed = await parseFixture('cafef.xml');
    expect(feed).toMatchObject({ link: 'https://cafef.vn/thi-truong-chung-khoan.chn', ttlMinutes: 15 });
    expect(feed.items[0]).toMatchObject({
      guid: 'https://cafef.vn/huong-loi-tu-loai-cay-chay-ra-vang-trang-mot-co-phieu-am-tham-vuot-dinh-lich-su-tang-gan-60-sau-mot-nam-18826100822283828.chn',
      guidIsPermalink: true,
      published: 'Fri, 09 Oct 26 00:06:00 +0700',
    });
  });

  it('reads link and guid in CDATA, GMT+7 dates and CRLF line endings, leaving entities inside CDATA to normalize', async () => {
    const text = readFixtureText('vietnambiz.xml');
    expect(text).toContain('\r\n');
    const feed = await parseFeed(text);
    expect(feed.items[0]).toMatchObject({
      guid: '4f6529b0-9a1f-44ef-a2ae-afce6dcc2e99',
      guidIsPermalink: false,
      link: 'https://vietnambiz.vn/tu-doanh-tiep-tuc-mua-rong-hon-tram-ty-dong-vpb-2026108171321822.htm',
      title: 'Tự doanh tiếp tục mua r&#242;ng hơn trăm tỷ đồng VPB',
      published: 'Thu, 08 Oct 2026 17:44:06 GMT+7',
    });
  });

  it('trims the whitespace a browser XML viewer put around links and guids', async () => {
    const feed = await parseFixture('vnexpress-2017.xml');
    expect(feed.items[2]).toMatchObject({
      link: 'http://kinhdoanh.vnexpress.net/tin-tuc/doanh-nghiep/vietjet-chi-170-trieu-usd-xay-trung-tam-dao-tao-phi-cong-tiep-vien-3543419.html',
      guid: 'http://kinhdoanh.vnexpress.net/tin-tuc/doanh-nghiep/vietjet-chi-170-trieu-usd-xay-trung-tam-dao-tao-phi-cong-tiep-vien-3543419.html',
    });
    expect(feed.items[2]?.title?.trim()).toBe('Vietjet chi 170 triệu USD xây trung tâm đào tạo phi công, tiếp viên');
  });

  it('reads dc:creator, categories with a domain and an empty <description />', async () => {
    const feed = await parseFixture('dantri.xml');
    expect(feed.items[0]).toMatchObject({ author: 'Thế Anh', categories: ['Sức mạnh số'] });
    expect(feed.items[1]?.summaryHtml).toBeUndefined();
    expect(feed.items[1]?.guid).toBeUndefined();
  });

  it('keeps CRLF-separated items apart and reads a feed whose items sit outside the channel', async () => {
    const crlf = rss('<item>\r\n<title>Một</title>\r\n<link>\r\n https://a.vn/1 \r\n</link>\r\n</item>\r\n<item><title>Hai</title></item>').replace(/></g, '>\r\n<');
    expect((await parseFeed(crlf)).items.map((item) => item.link)).toEqual(['https://a.vn/1', undefined]);
    const outside = '<rss version="2.0"><channel><title>T</title></channel><item><title>Lạc</title></item></rss>';
    expect((await parseFeed(outside)).items.map((item) => item.title)).toEqual(['Lạc']);
  });

  it('recovers from bare ampersands in text and URLs', async () => {
    const feed = await parseFeed(rss('<item><title>Fast & Furious</title><link>https://a.vn/?a=1&b=2</link></item>'));
    expect(feed.items[0]).toMatchObject({ title: 'Fast & Furious', link: 'https://a.vn/?a=1&b=2' });
  });

  it('falls back to older full-content and author elements', async () => {
    const feed = await parseFeed(
      rss('<item xmlns:dc="http://purl.org/dc/elements/1.1/"><body>safe <b>text</b></body><dc:author>Biên tập viên</dc:author></item><item><fullitem>&lt;p&gt;đầy đủ&lt;/p&gt;</fullitem></item>'),
    );
    expect(feed.items.map((item) => [item.contentHtml, item.author])).toEqual([
      ['safe <b>text</b>', 'Biên tập viên'],
      ['<p>đầy đủ</p>', undefined],
    ]);
  });

  it('reads a feed preceded by an XHTML DOCTYPE as the feed its root says it is', async () => {
    const text = '<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x.dtd"><rss><channel><title>found</title></channel></rss>';
    expect(await parseFeed(text)).toMatchObject({ format: 'rss', title: 'found' });
  });

  it(`keeps the first ${MAX_FEED_ITEMS} items of an oversized feed`, async () => {
    const items = Array.from({ length: MAX_FEED_ITEMS + 10 }, (_, i) => `<item><guid>${i}</guid></item>`).join('');
    const feed = await parseFeed(rss(items));
    expect(feed.items).toHaveLength(MAX_FEED_ITEMS);
    expect(feed.items.at(-1)?.guid).toBe(String(MAX_FEED_ITEMS - 1));
  });

  it('reads an <rss> with no channel or version as an empty RSS feed', async () => {
    expect(await parseFeed('<rss></rss>')).toEqual({ format: 'rss', items: [] });
    expect(await parseFeed('<rss version="2.0"/>')).toMatchObject({ format: 'rss', items: [] });
  });
});

describe('parseFeed: RSS 1.0 and 0.91', () => {
  it('reads RDF items beside the channel, with rdf:about as guid and Dublin Core fields', async () => {
    const feed = await parseFixture('rss1-rdf.xml');
    expect(feed).toMatchObject({ format: 'rdf', title: 'Báo Chính phủ – Thời sự (RDF)', link: 'https://baochinhphu.vn/thoi-su.htm' });
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toMatchObject({
      guid: 'https://baochinhphu.vn/thu-tuong-chu-tri-phien-hop-102261001.htm',
      link: 'https://baochinhphu.vn/thu-tuong-chu-tri-phien-hop-102261001.htm?utm_source=rss&utm_medium=feed',
      author: 'Phóng viên Báo Chính phủ',
      published: '2026-10-01T08:30:00+07:00',
      categories: ['Chính trị'],
      summaryHtml: 'Phiên họp bàn về tình hình kinh tế <b>tháng 9</b>.',
    });
    expect(feed.items[0]?.contentHtml).toContain('<script>');
    expect(feed.items[0]?.guidIsPermalink).toBeUndefined();
  });

  it('reads RSS 0.91 with its public DOCTYPE and HTML entities', async () => {
    const feed = await parseFixture('rss091.xml');
    expect(feed.format).toBe('rss');
    expect(feed.items.map((item) => item.title)).toEqual(['Hà Nội mở thêm tuyến buýt điện & xe đạp công cộng', 'Khai mạc lễ hội êm đềm mùa thu']);
    expect(feed.items[1]?.link).toBe('https://hanoimoi.vn/le-hoi-mua-thu-701235.html');
  });
});

describe('parseFeed: Atom', () => {
  it('prefers rel=alternate, keeps xml:base, serializes xhtml content and inherits the feed author', async () => {
    const feed = await parseFixture('atom.xml');
    expect(feed).toMatchObject({ format: 'atom', title: 'Nhân Dân – Thế giới', link: 'https://nhandan.vn/the-gioi/' });
    const [first, second, third] = feed.items;
    expect(first).toMatchObject({
      guid: 'tag:nhandan.vn,2026:post800001',
      link: 'asean-49-post800001.html',
      baseUrl: 'https://nhandan.vn/',
      // type="html": the title is HTML once the XML escaping is undone
      title: 'Hội nghị thượng đỉnh ASEAN <em>lần thứ 49</em>',
      author: 'Báo Nhân Dân',
      categories: ['Thế giới', 'asean'],
      published: '2026-10-08T09:15:00+07:00',
      updated: '2026-10-08T09:45:00+07:00',
      imageUrls: ['https://img.nhandan.vn/2026/10/08/asean.jpg'],
    });
    expect(first?.contentHtml).toBe('<p>Hội nghị khai mạc sáng 8/10 &amp; kéo dài hai ngày.</p><p><img src="/anh/asean-2.jpg" alt="ASEAN"></img></p>');
    expect(second).toMatchObject({
      link: 'gia-vang-post800002.html',
      baseUrl: 'https://nhandan.vn/kinh-te/',
      author: 'Minh An',
      // no <published>: the updated date is the date as written
      published: '2026-10-08T08:00:00Z',
      contentHtml: '<p>Giá vàng <strong>tăng mạnh</strong> trong phiên sáng.</p>',
    });
    expect(third).toMatchObject({ title: 'Tin văn bản thuần: a < b', contentHtml: 'Dòng một &lt;không phải thẻ&gt;.' });
  });

  it('decodes base64 text constructs (Atom 0.3 mode="base64", Atom 1.0 binary types)', async () => {
    const encoded = Buffer.from('Tin <b>nóng</b>').toString('base64');
    const atom03 = `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title mode="base64" type="text/html">${encoded}</title><entry><title mode="base64" type="text/html">${encoded}</title></entry></feed>`;
    const feed03 = await parseFeed(atom03);
    expect([feed03.title, feed03.items[0]?.title]).toEqual(['Tin <b>nóng</b>', 'Tin <b>nóng</b>']);
    const atom10 = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="application/octet-stream">\n  ${encoded}\n</content></entry></feed>`;
    expect((await parseFeed(atom10)).items[0]?.contentHtml).toBe('Tin <b>nóng</b>');
    const emptyType = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="">evil</title></entry></feed>';
    expect((await parseFeed(emptyType)).items[0]?.title).toBe('evil');
  });

  it('survives attribute-less links, unparsable dates and an empty <feed/>', async () => {
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><link>https://a.vn/</link><entry><title>X</title><link>https://a.vn/x</link><published>hôm qua</published></entry></feed>';
    const feed = await parseFeed(atom);
    expect(feed).toMatchObject({ link: 'https://a.vn/', items: [{ link: 'https://a.vn/x', published: 'hôm qua' }] });
    expect(await parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"/>')).toEqual({ format: 'atom', items: [] });
  });
});

describe('parseFeed: JSON Feed', () => {
  it('reads JSON Feed 1.0: author object, content_text as paragraphs, numeric ids', async () => {
    const feed = await parseFixture('jsonfeed-1.0.json');
    expect(feed).toMatchObject({ format: 'json', title: 'VietnamPlus – Kinh tế', link: 'https://www.vietnamplus.vn/kinhte/' });
    expect(feed.items[0]).toMatchObject({ author: 'TTXVN', categories: ['Kinh tế', 'Nông nghiệp'], imageUrls: ['https://media.vietnamplus.vn/gao.jpg'] });
    expect(feed.items[1]).toMatchObject({
      guid: '900002',
      author: 'Hoài Thu',
      contentHtml: '<p>Nhiều ngân hàng giảm lãi suất.</p><p>Mức giảm từ 0,1 đến 0,3 điểm %.</p>',
      updated: '2026-10-05T10:00:00Z',
    });
  });

  it('reads JSON Feed 1.1: authors arrays, banner_image and image attachments', async () => {
    const feed = await parseFixture('jsonfeed-1.1.json');
    expect(feed.items[0]).toMatchObject({
      author: 'Trần Huỳnh, Mỹ Dung',
      imageUrls: ['https://cdn.tuoitre.vn/2026/10/01/banner.jpg', 'https://cdn.tuoitre.vn/2026/10/01/anh.png'],
      published: '2026-10-01T06:00:00+07:00',
    });
    expect(feed.items[1]?.author).toBe('Báo Tuổi Trẻ');
  });

  it('accepts a bare "1.1" version, as some generators write it', async () => {
    const feed = await parseFeed('{"version": "1.1", "title": "T", "items": [{"id": "1", "title": "Một"}]}');
    expect(feed.items.map((item) => item.title)).toEqual(['Một']);
  });
});
