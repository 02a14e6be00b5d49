import { afterEach, describe, expect, it } from 'vitest';
import { readSettings } from '../../src/config/settings.js';
import { ensureEdition } from '../../src/digest/build-edition.js';
import { resolveWeek } from '../../src/digest/week.js';
import { createHttpApp } from '../../src/http/server.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { createDigestConfig, createStory, serveCandidates } from '../digest/support/fixtures.js';

describe.each(dbKinds)('archive pages on %s', (kind) => {
  let testDb: TestDb | undefined;
  afterEach(async () => testDb?.dispose());

  it('list editions and show a week in both languages; unknown weeks get a clear 404', async () => {
    testDb = await createTestDb(kind);
    const config = createDigestConfig();
    const app = createHttpApp({ db: testDb.db, config, settings: readSettings({}, { publicUrl: 'https://bantin.test' }) });
    expect((await (await app.request('/archive?lang=en')).text())).toContain('No digest has been published yet.');
    const candidates = [createStory(1, ['kinh-te'], 2, { title: 'Giá vàng <script>alert(1)</script>' }), createStory(2, ['the-thao'], 1)];
    await ensureEdition({ db: testDb.db, config, loadCandidates: serveCandidates(candidates), now: () => new Date() }, resolveWeek('2026-W48', config.timezone));

    const index = await (await app.request('/archive')).text();
    expect(index).toContain('href="/archive/2026-W48?lang=vi"');
    expect(index).toContain('23/11/2026 – 29/11/2026');
    const en = await app.request('/archive/2026-W48?lang=en');
    expect(en.status).toBe(200);
    const html = await en.text();
    expect(html).toContain('<h2>Economy</h2>');
    expect(html).toContain('<h2>Sport</h2>');
    expect(html).not.toContain('Politics');
    expect(html).toContain('Giá vàng &lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/(src|href)="https?:\/\/(?!news\.example)/);
    for (const path of ['/archive/2026-W47', '/archive/nonsense', '/archive/2026-W99']) {
      const response = await app.request(path);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('Không tìm thấy trang');
    }
  });
});
