import { describe, expect, it } from 'vitest';
import { composeDigestMessage } from '../../src/digest/compose-message.js';
import { createDigestCompiler } from '../../src/digest/digest-compiler.js';
import { buildDigestMjml, collapseIndentation, compileMjml } from '../../src/digest/render-digest.js';
import { selectEditionStories } from '../../src/digest/rank.js';
import type { EditionContent } from '../../src/digest/types.js';
import { resolveWeek } from '../../src/digest/week.js';
import { createDigestConfig, createStory, digestSettings } from './support/fixtures.js';

const config = createDigestConfig();
const range = resolveWeek('2026-W48', config.timezone);
const stories = selectEditionStories(
  config.topics.map((t) => t.key),
  [createStory(1, ['chinh-tri'], 3, { government: true, title: 'Quốc hội <b>thông qua</b> & "luật"' }), createStory(2, ['kinh-te'], 2), createStory(3, ['kinh-te'], 1)],
  new Map([[3, 0]]),
  10,
);
const content: EditionContent = { edition: { id: 1, week: range.week, timezone: config.timezone, from: range.from, to: range.to, builtAt: new Date() }, stories };
const compose = { publicUrl: digestSettings.publicUrl, secret: digestSettings.secret, fromAddress: config.digest.fromAddress, adminEmail: null };

describe('digest rendering', () => {
  it('assembles any topic set from one compilation per locale, identical to compiling that set alone', async () => {
    const compiler = createDigestCompiler({ topics: config.topics, publicUrl: digestSettings.publicUrl });
    const assembled = await compiler.compile(content, 'vi', ['kinh-te']);
    await compiler.compile(content, 'vi', ['chinh-tri']);
    expect(compiler.compileCount).toBe(1);
    const view = { content, locale: 'vi' as const, topicKeys: ['kinh-te'], topics: config.topics, publicUrl: digestSettings.publicUrl };
    const direct = collapseIndentation(await compileMjml(buildDigestMjml(view)));
    const normalize = (html: string) => html.replace(/<!-- bantin-section-[^>]*-->/g, '').replace(/\s+/g, ' ');
    expect(normalize(assembled.html)).toBe(normalize(direct));
    expect(assembled.html).toContain('Kinh tế');
    expect(assembled.html).not.toContain('Chính trị');
  });

  it('compiles at most once per (edition, locale) and personalises per recipient', async () => {
    const compiler = createDigestCompiler({ topics: config.topics, publicUrl: digestSettings.publicUrl });
    const [a, b, c] = await Promise.all([
      compiler.compile(content, 'vi', ['chinh-tri', 'kinh-te']),
      compiler.compile(content, 'vi', ['kinh-te', 'chinh-tri']),
      compiler.compile(content, 'en', ['chinh-tri', 'kinh-te']),
    ]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(compiler.compileCount).toBe(2);
    const one = composeDigestMessage(a, { subscriberId: 1, email: 'a@example.com', manageNonce: 'n1', messageId: '<x@y>' }, compose);
    const two = composeDigestMessage(a, { subscriberId: 2, email: 'b@example.com', manageNonce: 'n2', messageId: '<z@y>' }, compose);
    expect(compiler.compileCount).toBe(2);
    const unsubscribe = /https:\/\/bantin\.test\/unsubscribe\?token=(m1\.\d+\.[\w-]+)/;
    expect(one.html.match(unsubscribe)?.[1]).toMatch(/^m1\.1\./);
    expect(two.html.match(unsubscribe)?.[1]).toMatch(/^m1\.2\./);
    expect(one.text).toContain(one.html.match(unsubscribe)?.[0]);
    expect(one.headers['List-Unsubscribe']).toContain(one.html.match(unsubscribe)?.[0]);
    expect(one.html).not.toMatch(/%%/);
    expect(one.text).not.toMatch(/%%/);
  });

  it('escapes source text, shows dates, sections, outlets and the update mark, and loads nothing from other hosts', async () => {
    const compiler = createDigestCompiler({ topics: config.topics, publicUrl: digestSettings.publicUrl });
    const vi = await compiler.compile(content, 'vi', ['chinh-tri', 'kinh-te']);
    expect(vi.subject).toBe('bantin — bản tin tuần 2026-W48 (23/11/2026 – 29/11/2026)');
    expect(vi.html).toContain('Quốc hội &lt;b&gt;thông qua&lt;/b&gt; &amp; &quot;luật&quot;');
    expect(vi.html).not.toContain('<b>thông qua</b>');
    expect(vi.html).toContain('Chính trị');
    expect(vi.html).toContain('Đưa tin: Báo Chính phủ, Báo 1, Báo 2');
    expect(vi.html).toContain('[Cập nhật]');
    expect(vi.html).toContain('https://bantin.test/archive/2026-W48?lang=vi');
    expect(vi.html).not.toMatch(/<link[^>]+href=|@import|fonts\.googleapis/);
    expect(vi.text).toContain('* Quốc hội <b>thông qua</b> & "luật"');
    const en = await compiler.compile(content, 'en', ['kinh-te']);
    expect(en.subject).toBe('bantin — weekly digest 2026-W48 (23 Nov 2026 – 29 Nov 2026)');
    expect(en.html).toContain('Economy');
    expect(en.html).not.toContain('Politics');
  });
});
