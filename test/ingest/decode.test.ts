import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBody, detectCharset, readContentTypeCharset, resolveCharsetLabel } from '../../src/ingest/decode.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/encoding/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

/** Encodes text as windows-1258 the way Vietnamese sites do: precomposed base letter plus a combining tone mark. */
function encodeWindows1258(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1258');
  const table = new Map<string, number>();
  for (let byte = 255; byte >= 0; byte -= 1) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  const out: number[] = [];
  for (const char of text.normalize('NFC')) {
    const direct = table.get(char);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const [base = '', ...marks] = [...char.normalize('NFD')];
    // ệ is ê + dot below: try each mark folded into the base, then the bare base, keeping the rest combining.
    const candidates = [...marks.map((mark, index) => [(base + mark).normalize('NFC'), ...marks.filter((_, other) => other !== index)]), [base, ...marks]];
    const split = candidates.find((parts) => parts.every((part) => table.has(part)));
    if (!split) throw new Error(`cannot encode ${char} in windows-1258`);
    out.push(...split.map((part) => table.get(part) ?? 0));
  }
  return Uint8Array.from(out);
}

describe('decodeBody: Vietnamese legacy charsets', () => {
  it('decodes windows-1258 "Việt Nam" (base + combining mark bytes) to the NFC string', () => {
    const bytes = encodeWindows1258('Việt Nam');
    expect([...bytes]).toEqual([0x56, 0x69, 0xea, 0xf2, 0x74, 0x20, 0x4e, 0x61, 0x6d]);
    const { text, charset } = decodeBody(bytes, 'text/xml; charset=windows-1258');
    expect(charset).toBe('windows-1258');
    expect(text).toBe('Vi\u1ec7t Nam');
    expect(text).toBe('Việt Nam'.normalize('NFC'));
  });

  it('reads a windows-1258 feed from its XML declaration when the header names no charset', () => {
    const { text, charset } = decodeBody(fixture('windows-1258.xml'), 'application/rss+xml');
    expect(charset).toBe('windows-1258');
    expect(text).toContain('<title>Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 11</title>'.normalize('NFC'));
    expect(text).toContain('Hà Nội: Đường phố ngập sâu'.normalize('NFC'));
    expect(text).toBe(text.normalize('NFC'));
  });

  it('reads ISO-8859-1 and windows-1252 from the header', () => {
    expect(decodeBody(latin1('Café crème à Genève'), 'text/xml; charset=ISO-8859-1')).toEqual({ text: 'Café crème à Genève', charset: 'windows-1252' });
    const smart = Uint8Array.of(0x93, 0x48, 0x69, 0x94, 0x20, 0x96, 0x20, 0x80);
    expect(decodeBody(smart, 'text/xml; charset="windows-1252"').text).toBe('“Hi” – €');
  });

  it('maps the whole 0x80–0x9F windows-1252 block, which Node 20 gets wrong', () => {
    const high = Uint8Array.from({ length: 32 }, (_, index) => 0x80 + index);
    expect(decodeBody(high, 'text/plain; charset=latin1').text).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
  });
});

describe('decodeBody: charset order', () => {
  it('prefers the Content-Type charset over the XML declaration', () => {
    const bytes = latin1('<?xml version="1.0" encoding="utf-8"?><t>Hà Nội? no: Café</t>');
    expect(decodeBody(bytes, 'text/xml; charset=iso-8859-1').text).toContain('Café');
  });

  it('uses the BOM when the header names no charset, and strips it', () => {
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('<rss>Việt</rss>')]);
    expect(decodeBody(withBom, 'text/xml')).toEqual({ text: '<rss>Việt</rss>', charset: 'utf-8' });
  });

  it('lets a BOM win over a header that contradicts it', () => {
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Đà Nẵng')]);
    expect(decodeBody(withBom, 'text/html; charset=windows-1252')).toEqual({ text: 'Đà Nẵng', charset: 'utf-8' });
  });

  it.each([
    ['utf-16le', Uint8Array.of(0xff, 0xfe), (text: string) => Buffer.from(text, 'utf16le')],
    ['utf-16be', Uint8Array.of(0xfe, 0xff), (text: string) => Buffer.from(text, 'utf16le').swap16()],
  ])('decodes %s with a BOM', (charset, bom, encode) => {
    const source = '<?xml version="1.0" encoding="utf-16"?><title>Tin tức Việt Nam</title>';
    const bytes = Uint8Array.from([...bom, ...encode(source)]);
    expect(decodeBody(bytes, null)).toEqual({ text: source, charset });
  });

  it('decodes BOM-less UTF-16LE from the shape of its XML declaration', () => {
    const source = '<?xml version="1.0" encoding="utf-16"?><title>Đà Lạt</title>';
    expect(decodeBody(new Uint8Array(Buffer.from(source, 'utf16le')), 'text/xml')).toEqual({ text: source, charset: 'utf-16le' });
  });

  it('falls back to UTF-8 and normalizes decomposed text to NFC', () => {
    const decomposed = 'Hội nghị Trung ương'.normalize('NFD');
    const { text, charset } = decodeBody(utf8(decomposed), null);
    expect(charset).toBe('utf-8');
    expect(text).toBe('Hội nghị Trung ương'.normalize('NFC'));
    expect(text).not.toBe(decomposed);
  });

  it('returns empty text for an empty body', () => {
    expect(decodeBody(new Uint8Array(0), 'text/xml; charset=utf-16')).toEqual({ text: '', charset: 'utf-8' });
  });
});

describe('decodeBody: wrong declarations', () => {
  it('reads a feed that declares utf-16 but is UTF-8 (vietnambiz)', () => {
    const bytes = fixture('vietnambiz-utf16-declared.xml');
    const { text, charset } = decodeBody(bytes, 'text/xml');
    expect(charset).toBe('utf-8');
    expect(text.startsWith('<?xml version="1.0" encoding="utf-16"?>')).toBe(true);
    expect(text).toContain('vietnambiz - Chứng khoán - RSS Feed'.normalize('NFC'));
  });

  it('reads UTF-8 bytes served with a utf-16 Content-Type as UTF-8', () => {
    expect(decodeBody(utf8('<?xml version="1.0"?><t>Chứng khoán</t>'), 'application/xml; charset=utf-16').text).toBe('<?xml version="1.0"?><t>Chứng khoán</t>');
  });

  it.each([
    ['text/xml; charset=x-no-such-charset', '<t>Tỷ giá</t>'],
    [null, '<?xml version="1.0" encoding="klingon"?><t>Tỷ giá</t>'],
  ])('falls back to UTF-8 for an unknown label (%s)', (contentType, source) => {
    expect(decodeBody(utf8(source), contentType)).toEqual({ text: source.normalize('NFC'), charset: 'utf-8' });
  });
});

describe('decodeBody: HTML', () => {
  const page = (meta: string) => encodeWindows1258(`<html><head>${meta}<title>Bản tin</title></head><body>Việt Nam</body></html>`);

  it.each([
    '<meta charset="windows-1258">',
    '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">',
  ])('reads %s', (meta) => {
    const { text, charset } = decodeBody(page(meta), 'text/html', { html: true });
    expect(charset).toBe('windows-1258');
    expect(text).toContain('<title>Bản tin</title>'.normalize('NFC'));
  });

  it('ignores <meta charset> unless asked to treat the body as HTML', () => {
    expect(decodeBody(page('<meta charset="windows-1258">'), 'text/html').charset).toBe('utf-8');
  });
});

describe('charset helpers', () => {
  it('reads the charset parameter, quoted or not', () => {
    expect(readContentTypeCharset('text/xml; charset="UTF-8"')).toBe('UTF-8');
    expect(readContentTypeCharset('text/html;charset=windows-1258; foo=bar')).toBe('windows-1258');
    expect(readContentTypeCharset('text/xml')).toBeNull();
  });

  it('resolves labels to WHATWG names', () => {
    expect(resolveCharsetLabel('UTF8')).toBe('utf-8');
    expect(resolveCharsetLabel('latin1')).toBe('windows-1252');
    expect(resolveCharsetLabel('cp1258')).toBe('windows-1258');
    expect(resolveCharsetLabel('bogus')).toBeNull();
  });

  it('detects without decoding', () => {
    expect(detectCharset(fixture('windows-1258.xml'), null)).toBe('windows-1258');
  });
});
