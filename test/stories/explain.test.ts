import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExplain } from '../../src/cli/explain.js';
import type { BantinConfig } from '../../src/config/schema.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { buildTestConfig, makeItem, pollItems, seedSources } from './store-helpers.js';

const now = new Date('2026-11-26T10:00:00Z');

describe.each(dbKinds)('bantin explain on %s', (kind) => {
  let testDb: TestDb;
  let config: BantinConfig;

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    config = buildTestConfig();
    const sources = await seedSources(testDb.db, config, now);
    const summary = 'Chỉ số VN-Index tăng 15 điểm nhờ nhóm ngân hàng, khối ngoại mua ròng hơn 500 tỷ đồng trên sàn HoSE.';
    await pollItems(testDb.db, sources.cafef!, [makeItem({ title: 'VN-Index tăng hơn 15 điểm, khối ngoại mua ròng', summary, url: 'https://cafef.vn/vn-index.chn', publishedAt: now })], now, config);
    await pollItems(testDb.db, sources.vnexpress!, [makeItem({ title: 'VN-Index tăng hơn 15 điểm, khối ngoại mua ròng - VnExpress', summary, url: 'https://vnexpress.net/vn-index.html', publishedAt: now })], now, config);
    const rewrite = makeItem({
      title: 'Cổ phiếu ngân hàng kéo VN-Index tăng mạnh',
      summary: 'Nhóm ngân hàng dẫn dắt thị trường, giúp VN-Index tăng 15 điểm; khối ngoại tiếp tục mua ròng hơn 500 tỷ đồng trên HoSE.',
      url: 'https://dantri.com.vn/vn-index-tang.htm',
      publishedAt: new Date(now.getTime() + 3_600_000),
    });
    await pollItems(testDb.db, sources.dantri!, [rewrite], now, config);
  });
  afterAll(async () => testDb?.dispose());

  const explain = async (args: string[]) => {
    const lines: string[] = [];
    const code = await runExplain(args, { db: testDb.db, config, write: (line) => lines.push(line) });
    return { code, text: lines.join('\n') };
  };

  it('prints the story, its items, how each joined and why each topic was given', async () => {
    const { code, text } = await explain(['http://vnexpress.net/vn-index.html']);
    expect(code).toBe(0);
    expect(text).toMatch(/^story \d+: VN-Index tăng hơn 15 điểm/);
    expect(text).toContain('3 item(s) from 3 outlet(s)');
    // The rewrite joined on the pair score; explain shows the score and the evidence behind it.
    expect(text).toContain(`≥ ${config.stories.threshold} (shared wording`);
    expect(text).toMatch(/joined: pair score [01]\.\d\d ≥ 0\.\d+ \(shared wording/);
    expect(text).toMatch(
      /evidence against #\d+ \(recomputed from the stored texts\): Jaccard 0\.\d\d, overlap 0\.\d\d, \d+ shared syllables \(\d+ rare\), title overlap 0\.\d\d, titles covered \d+%\/\d+%, \d+ shared figure\(s\), 0 shared date\(s\), figures 0% apart, title names missing 0%\/\d+%, 1\.0 h apart/,
    );
    expect(text).toContain('started the story');
    expect(text).toContain('joined: same folded title as an earlier item');
    expect(text).toMatch(/kinh-te \(kinh-te\) 4\.50 — CafeF: section feed CafeF; keywords \(title: vn index/);
    expect(text).toContain('topic kinh-te 1.50: keywords');
  });

  it('says so when the URL is unknown, and explains usage', async () => {
    expect(await explain(['https://example.com/nothing'])).toMatchObject({ code: 1, text: expect.stringContaining('no stored item') });
    expect((await explain([])).code).toBe(2);
  });
});
