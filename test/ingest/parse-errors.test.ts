import { describe, expect, it } from 'vitest';
import { BantinError } from '../../src/errors.js';
import { parseFeed } from '../../src/ingest/parse.js';
import { readFixtureText } from '../fixtures/feeds/load-fixtures.js';

async function parseError(text: string): Promise<BantinError> {
  const error: unknown = await parseFeed(text).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof BantinError)) throw new Error(`expected a BantinError, got ${String(error)}`);
  expect(error.stage).toBe('parse');
  expect(error.message).toMatch(/^parse: /);
  return error;
}

const rss = (items: string): string => `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${items}</channel></rss>`;

describe('parseFeed: invalid fixture files', () => {
  it.each([
    ['empty.xml', 'empty', /^parse: empty response body$/],
    ['html-page.html', 'not-a-feed', /^parse: got an HTML page, not a feed \(title: "Báo Điện tử Chính phủ – Trang không tồn tại"\)$/],
    ['malformed.xml', 'malformed', /^parse: malformed XML at line 8, column \d+: unexpected close tag/],
    ['truncated.xml', 'malformed', /^parse: malformed XML at line \d+/],
    ['entity-bomb.xml', 'entity-expansion', /entity-expansion/],
    ['opml.xml', 'unsupported', /^parse: XML root <opml> is not rss, rdf:RDF or feed$/],
    ['not-a-json-feed.json', 'not-a-feed', /not a JSON Feed/],
  ])('%s is refused as %s', async (file, code, message) => {
    const error = await parseError(readFixtureText(`invalid/${file}`));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});

describe('parseFeed: errors', () => {
  it('refuses an empty or blank body', async () => {
    expect((await parseError('')).code).toBe('empty');
    expect((await parseError(' \r\n\t ')).code).toBe('empty');
  });

  it('names an HTML page and its title', async () => {
    const page = '<!DOCTYPE html>\n<html lang="vi"><head><title>Trang ch&#7911; | Báo X</title></head><body>…</body></html>';
    const error = await parseError(page);
    expect(error.code).toBe('not-a-feed');
    expect(error.message).toBe('parse: got an HTML page, not a feed (title: "Trang chủ | Báo X")');
    expect((await parseError('<html><body>no title</body></html>')).message).toBe('parse: got an HTML page, not a feed');
    expect((await parseError('\uFEFF  <!-- cache --><HTML><HEAD><TITLE>503</TITLE></HEAD></HTML>')).message).toBe('parse: got an HTML page, not a feed (title: "503")');
    expect((await parseError('<meta http-equiv="refresh" content="0;url=/"><div>…</div>')).code).toBe('not-a-feed');
  });

  it('refuses JSON that is not a JSON Feed, and broken JSON', async () => {
    expect((await parseError('{"items": []}')).code).toBe('not-a-feed');
    expect((await parseError('[{"title": "x"}]')).code).toBe('not-a-feed');
    expect((await parseError('{"version": "https://jsonfeed.org/version/1.1", "items": [')).code).toBe('malformed');
  });

  it('reports malformed XML with its line', async () => {
    const error = await parseError('<rss version="2.0">\n<channel>\n<title>x</title>\n<item></channel>\n</rss>');
    expect(error.code).toBe('malformed');
    expect(error.message).toMatch(/^parse: malformed XML at line 4, column \d+: unexpected close tag/);
  });

  it('refuses an entity-expansion bomb before parsing', async () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${lol}]><rss version="2.0"><channel><title>&lol9;</title></channel></rss>`;
    const error = await parseError(bomb);
    expect(error.code).toBe('entity-expansion');
    expect(error.message).not.toContain('lollol');
    const external = '<!DOCTYPE rdf:RDF [<!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1//EN" "http://x/lat1.ent"> %HTMLlat1;]><rdf:RDF/>';
    expect((await parseError(external)).code).toBe('entity-expansion');
  });

  it('refuses XML whose root is not rss, rdf:RDF or feed, and text that is neither XML nor JSON', async () => {
    const opml = await parseError('<?xml version="1.0"?><opml version="2.0"><body/></opml>');
    expect(opml).toMatchObject({ code: 'unsupported', message: 'parse: XML root <opml> is not rss, rdf:RDF or feed' });
    expect((await parseError('Service Unavailable')).code).toBe('not-a-feed');
    expect(await parseError('<?xml version="1.0"?>\n<!-- nothing else -->')).toMatchObject({ code: 'malformed', message: 'parse: XML has no root element' });
    expect((await parseError('\u0000<\u0000r\u0000s\u0000s\u0000>')).message).toMatch(/NUL characters/);
  });

  it('stays linear on hostile markup: unterminated tags, deep nesting, many bare ampersands', async () => {
    const manyBrackets = rss(`<item><description>${'&lt;p'.repeat(200_000)}</description></item>`);
    expect((await parseFeed(manyBrackets)).items).toHaveLength(1);
    const deep = rss(`<item><description>${'<b>'.repeat(20_000)}x${'</b>'.repeat(20_000)}</description></item>`);
    expect((await parseFeed(deep)).items[0]?.summaryHtml).toMatch(/^<b><b>/);
    const ampersands = rss(`<item><title>${'a & '.repeat(100_000)}</title></item>`);
    expect((await parseFeed(ampersands)).items[0]?.title).toMatch(/^a & a & /);
  });
});
