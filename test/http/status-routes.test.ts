import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { pickLocale, registerStatusRoutes } from '../../src/http/status-routes.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { HEALTH_NOW, seedHealthFixture } from '../support/health-fixture.js';

describe.each(dbKinds)('/status on %s', (kind) => {
  let testDb: TestDb | undefined;
  afterEach(async () => testDb?.dispose());

  it('shows every source state in Vietnamese by default and in English on request, escaped and self-contained', async () => {
    testDb = await createTestDb(kind);
    await seedHealthFixture(testDb.db);
    const app = createStatusApp(testDb, 'Asia/Ho_Chi_Minh');

    const vi = await app.request('/status');
    expect(vi.status).toBe(200);
    expect(vi.headers.get('content-type')).toMatch(/^text\/html/);
    const viHtml = await vi.text();
    expect(viHtml).toContain('<html lang="vi">');
    expect(viHtml).toContain('Tình trạng nguồn tin');
    expect(rowOf(viHtml, 'quiet')).toContain('Không có tin mới');
    expect(rowOf(viHtml, 'quiet')).toContain('không có tin mới quá 9 ngày');
    expect(rowOf(viHtml, 'broken')).toContain('Đang lỗi');
    expect(rowOf(viHtml, 'gone')).toContain('Đã tắt');
    expect(rowOf(viHtml, 'fresh')).toContain('10 phút trước');

    const en = await (await app.request('/status?lang=en')).text();
    expect(en).toContain('<html lang="en">');
    expect(rowOf(en, 'quiet')).toContain('Stale');
    expect(rowOf(en, 'broken')).toMatch(/Failing.*5 min ago.*<td>4<\/td>/);
    expect(rowOf(en, 'fresh')).toContain('<td>3</td>');

    // Source text is escaped, and nothing is loaded from elsewhere.
    expect(en).toContain('Báo Mới &lt;Thời sự&gt;');
    expect(en).toContain('http://x.test/&lt;feed&gt;');
    expect(en).not.toMatch(/<(script|link|img)\b/);
    expect(en).not.toMatch(/src=|url\(/);
  });

  it('follows Accept-Language when no ?lang is given', async () => {
    testDb = await createTestDb(kind);
    const app = createStatusApp(testDb, 'UTC');
    const en = await app.request('/status', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(await en.text()).toContain('No sources yet.');
    expect(en.headers.get('vary')).toMatch(/accept-language/i);
    const vi = await app.request('/status?lang=vi', { headers: { 'accept-language': 'en' } });
    expect(await vi.text()).toContain('Chưa có nguồn nào.');
  });
});

describe('pickLocale', () => {
  it.each([
    [undefined, undefined, 'vi'],
    ['en', 'vi', 'en'],
    ['fr', 'en-GB', 'en'],
    [undefined, 'fr-FR,en;q=0.5,vi;q=0.8', 'vi'],
    [undefined, 'vi;q=0,en;q=0.1', 'en'],
    [undefined, 'de', 'vi'],
  ])('lang=%s accept=%s → %s', (lang, accept, expected) => {
    expect(pickLocale(lang, accept)).toBe(expected);
  });
});

function rowOf(html: string, key: string): string {
  const match = new RegExp(`<tr id="source-${key}"[^]*?</tr>`).exec(html);
  if (!match) throw new Error(`no row for ${key}`);
  return match[0];
}

function createStatusApp(testDb: TestDb, timezone: string): Hono {
  const app = new Hono();
  registerStatusRoutes(app, { db: testDb.db, config: { timezone }, now: () => HEALTH_NOW });
  return app;
}
