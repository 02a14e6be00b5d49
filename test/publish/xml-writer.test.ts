import { describe, expect, it } from 'vitest';
import { el, escapeXmlAttr, escapeXmlText, renderXmlDocument, stripInvalidXmlChars } from '../../src/publish/xml-writer.js';

describe('stripInvalidXmlChars', () => {
  it.each([
    ['plain Tiếng Việt', 'plain Tiếng Việt'],
    ['emoji 🇻🇳 and 𝔘 stay', 'emoji 🇻🇳 and 𝔘 stay'],
    ['tab\tcr\rlf\n stay', 'tab\tcr\rlf\n stay'],
    ['nul\u0000 bel\u0007 vt\u000b ff\u000c us\u001f gone', 'nul bel vt ff us gone'],
    ['lone high \uD83D here, lone low \uDC00 there', 'lone high  here, lone low  there'],
    ['nonchars \uFFFE\uFFFF gone, \u0085 and \u007F kept', 'nonchars  gone, \u0085 and \u007F kept'],
  ])('%j → %j', (input, expected) => {
    expect(stripInvalidXmlChars(input)).toBe(expected);
  });
});

describe('escaping', () => {
  it('escapes text so that no markup or CDATA end survives', () => {
    expect(escapeXmlText('a < b && c > d ]]> "q"')).toBe('a &lt; b &amp;&amp; c &gt; d ]]&gt; "q"');
    expect(escapeXmlText('&amp; stays literal')).toBe('&amp;amp; stays literal');
  });

  it('escapes attributes, keeping whitespace controls as references', () => {
    expect(escapeXmlAttr('a "b" <c> & d\te\nf\r')).toBe('a &quot;b&quot; &lt;c&gt; &amp; d&#9;e&#10;f&#13;');
  });
});

describe('renderXmlDocument', () => {
  it('drops absent attributes and children and writes empty elements self-closed', () => {
    const xml = renderXmlDocument(el('root', { a: '1', b: null, c: undefined }, el('x', {}, 'text'), null, false, [el('y', { z: '<' })]));
    expect(xml).toBe('<?xml version="1.0" encoding="utf-8"?>\n<root a="1">\n  <x>text</x>\n  <y z="&lt;"/>\n</root>\n');
  });
});
