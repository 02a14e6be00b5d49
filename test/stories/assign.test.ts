import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BantinConfig } from '../../src/config/schema.js';
import type { Source } from '../../src/ingest/types.js';
import { retrainTopicModel } from '../../src/topics/retrain.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { setTimeout as delay } from 'node:timers/promises';
import { buildTestConfig, makeItem, pollItems, pollUpdate, seedSources, storeAndAssign } from './store-helpers.js';

const now = new Date('2026-11-26T10:00:00Z');
const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

const gov = makeItem({
  title: 'Giá xăng giảm từ 15h chiều nay',
  summary: '(Chinhphu.vn) - Liên Bộ Công Thương - Tài chính điều chỉnh giá bán lẻ xăng dầu từ 15h ngày 26/11, xăng RON95 giảm 420 đồng, còn 20.150 đồng mỗi lít.',
  url: 'https://baochinhphu.vn/gia-xang-giam.htm',
  publishedAt: at(1),
});
const press = makeItem({
  title: 'Xăng RON95 giảm 420 đồng một lít - VnExpress',
  summary: 'Từ 15h hôm nay, mỗi lít xăng RON95 giảm 420 đồng, về 20.150 đồng, theo điều chỉnh của liên Bộ Công Thương - Tài chính.',
  url: 'https://vnexpress.net/xang-ron95-giam-420-dong.html',
  publishedAt: at(0.5),
});
const bare = makeItem({
  title: 'Gia xang giam tu 15h chieu nay',
  summary: 'Lien Bo Cong Thuong - Tai chinh dieu chinh gia ban le xang dau tu 15h ngay 26/11, xang RON95 giam 420 dong, con 20.150 dong moi lit.',
  url: 'https://dantri.com.vn/gia-xang-giam.htm',
  publishedAt: at(2),
});
const football = makeItem({
  title: 'Đội tuyển Việt Nam thắng Thái Lan 2-1 ở vòng loại Asian Cup',
  summary: 'Đội tuyển Việt Nam ngược dòng thắng Thái Lan 2-1 trên sân Mỹ Đình tối 26/11, giữ ngôi đầu bảng F.',
  url: 'https://vnexpress.net/doi-tuyen-thang.html',
  publishedAt: at(3),
});
const womenFootball = makeItem({
  title: 'Đội tuyển nữ Việt Nam thắng Thái Lan 2-1 ở vòng loại Olympic',
  summary: 'Đội tuyển nữ Việt Nam thắng Thái Lan 2-1 tại Thường Châu, tiếp tục nuôi hy vọng dự vòng loại cuối Olympic.',
  url: 'https://dantri.com.vn/tuyen-nu-thang.htm',
  publishedAt: at(4),
});

// A rewrite with little wording in common (content-syllable Jaccard 0.30) that agrees on the date and the figures.
const fedCut = makeItem({
  title: 'Fed giảm lãi suất lần thứ hai trong năm',
  summary: 'Cục Dự trữ Liên bang Mỹ (Fed) ngày 16/9 quyết định giảm lãi suất điều hành 0,25 điểm phần trăm, về 3-3,25%, do thị trường lao động chững lại.',
  url: 'https://vnexpress.net/fed-giam-lai-suat.html',
  publishedAt: at(0),
});
const fedRewrite = makeItem({
  title: 'Mỹ hạ lãi suất thêm 0,25 điểm phần trăm',
  summary: 'Sau cuộc họp ngày 16/9, ngân hàng trung ương Mỹ thông báo hạ mức tham chiếu về vùng 3-3,25%, tức 0,25 điểm phần trăm, và phát tín hiệu còn giảm tiếp.',
  url: 'https://dantri.com.vn/my-noi-long-tien-te.htm',
  publishedAt: at(1),
});

describe.each(dbKinds)('story assignment on %s', (kind) => {
  let testDb: TestDb;
  let config: BantinConfig;
  let sources: Record<string, Source>;

  beforeEach(async () => {
    testDb = await createTestDb(kind);
    config = buildTestConfig();
    sources = await seedSources(testDb.db, config, now);
  });
  afterEach(async () => testDb.dispose());

  const storyRows = () =>
    testDb.db.selectFrom('story_items as si').innerJoin('items as i', 'i.id', 'si.item_id').select(['i.url', 'si.story_id', 'si.join_reason']).orderBy('i.url').execute();

  it('puts one release rewritten by three outlets into one story led by the government source', async () => {
    await pollItems(testDb.db, sources.vnexpress!, [press, football], now, config);
    await pollItems(testDb.db, sources.chinhphu!, [gov], now, config);
    await pollItems(testDb.db, sources.dantri!, [bare, womenFootball], now, config);
    const rows = await storyRows();
    const storyOf = new Map(rows.map((r) => [r.url, r.story_id]));
    expect(storyOf.get(gov.url)).toBe(storyOf.get(press.url));
    expect(storyOf.get(bare.url)).toBe(storyOf.get(press.url));
    expect(storyOf.get(football.url)).not.toBe(storyOf.get(womenFootball.url));
    const story = await testDb.db.selectFrom('stories').selectAll().where('id', '=', storyOf.get(gov.url)!).executeTakeFirstOrThrow();
    expect(story).toMatchObject({ title: gov.title, url: gov.url, item_count: 3, source_count: 3 });
    expect(story.first_seen_at.toISOString()).toBe(press.publishedAt.toISOString());
    expect(story.last_seen_at.toISOString()).toBe(bare.publishedAt.toISOString());
    expect(await testDb.db.selectFrom('stories').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).toEqual({ n: 3 });
  });

  it('joins a rewrite in other words that agrees on the date and the figures, and stores the dates it compared', async () => {
    await pollItems(testDb.db, sources.vnexpress!, [fedCut], now, config);
    await pollItems(testDb.db, sources.dantri!, [fedRewrite], now, config);
    const rows = await testDb.db
      .selectFrom('story_items as si')
      .innerJoin('items as i', 'i.id', 'si.item_id')
      .select(['i.url', 'si.story_id', 'si.join_reason', 'si.similarity', 'si.dates_key'])
      .orderBy('si.published_at')
      .execute();
    expect(rows.map((r) => [r.url, r.join_reason, r.dates_key])).toEqual([
      [fedCut.url, 'new', '16/9'],
      [fedRewrite.url, 'similar', '16/9'],
    ]);
    expect(rows[1]!.story_id).toBe(rows[0]!.story_id);
    expect(rows[1]!.similarity).toBeGreaterThanOrEqual(config.stories.threshold);
  });

  it('lets items of one poll find each other: a copy listed in the same feed joins the story it copies', async () => {
    const copy = makeItem({ title: gov.title.normalize('NFD'), summary: gov.summary.normalize('NFD'), url: 'https://baochinhphu.vn/ban-sao.htm', publishedAt: at(1.5) });
    await pollItems(testDb.db, sources.chinhphu!, [football, copy, gov], now, config);
    await pollItems(testDb.db, sources.dantri!, [bare], now, config);
    const storyOf = new Map((await storyRows()).map((r) => [r.url, r.story_id]));
    expect(storyOf.get(copy.url)).toBe(storyOf.get(gov.url));
    expect(storyOf.get(bare.url)).toBe(storyOf.get(gov.url));
    expect(storyOf.get(football.url)).not.toBe(storyOf.get(gov.url));
    const story = await testDb.db.selectFrom('stories').selectAll().where('id', '=', storyOf.get(gov.url)!).executeTakeFirstOrThrow();
    expect(story).toMatchObject({ item_count: 3, title: gov.title });
  });

  // Two outlets' versions that share too little to join each other, and a third outlet's pickup that keeps the
  // first one's title, adds the second one's angle to it and takes the second one's lede: it matches both, so they
  // are one story.
  const quake = makeItem({
    title: 'Động đất 5,2 độ ở Kon Tum, nhà dân rung lắc',
    summary: 'Trận động đất xảy ra lúc 4h12 sáng 26/11 tại huyện Kon Plông, tâm chấn sâu 8 km, người dân nhiều xã cảm nhận rõ rung lắc.',
    url: 'https://vnexpress.net/dong-dat-kon-tum.html',
    publishedAt: at(0),
  });
  const quakeAngle = makeItem({
    title: 'Các hồ thủy điện kiểm tra an toàn đập sau rung chấn',
    summary: 'Viện Vật lý địa cầu khuyến cáo các hồ chứa trong vùng rà soát an toàn đập; chưa ghi nhận thiệt hại về người.',
    url: 'https://dantri.com.vn/thuy-dien-kiem-tra-dap.htm',
    publishedAt: at(1),
  });
  const quakePickup = makeItem({ title: `${quake.title}, thủy điện kiểm tra đập`, summary: quakeAngle.summary, url: 'https://baochinhphu.vn/dong-dat.htm', publishedAt: at(2) });

  const merging = () => ({ ...config, stories: { ...config.stories, mergeMatched: true } });

  it('by default leaves two stories a later item matches both of as they are: the item joins the better match', async () => {
    await pollItems(testDb.db, sources.vnexpress!, [quake], now, config);
    await pollItems(testDb.db, sources.dantri!, [quakeAngle], now, config);
    await pollItems(testDb.db, sources.chinhphu!, [quakePickup], now, config);
    const storyOf = new Map((await storyRows()).map((r) => [r.url, r.story_id]));
    expect(storyOf.get(quakePickup.url)).toBe(storyOf.get(quake.url));
    expect(storyOf.get(quakeAngle.url)).not.toBe(storyOf.get(quake.url));
  });

  it('with stories.mergeMatched, merges two stories that a later item matches both of, into the older one', async () => {
    config = merging();
    await pollItems(testDb.db, sources.vnexpress!, [quake], now, config);
    await pollItems(testDb.db, sources.dantri!, [quakeAngle], now, config);
    const [older, newer] = [...new Set((await storyRows()).map((r) => r.story_id))].sort((a, b) => a - b);
    expect(newer).toBeDefined();
    await pollItems(testDb.db, sources.chinhphu!, [quakePickup], now, config);
    const rows = await storyRows();
    expect(rows.map((r) => r.story_id)).toEqual([older, older, older]);
    const stories = await testDb.db.selectFrom('stories').selectAll().execute();
    expect(stories.map((s) => s.id)).toEqual([older]);
    // Refreshed from all three members: the government source leads, times span all of them.
    expect(stories[0]).toMatchObject({ item_count: 3, source_count: 3, url: quakePickup.url });
    expect(stories[0]!.first_seen_at.toISOString()).toBe(quake.publishedAt.toISOString());
    const topicStories = await testDb.db.selectFrom('story_topics').select('story_id').distinct().execute();
    expect(topicStories.map((t) => t.story_id).filter((id) => id !== older)).toEqual([]);
  });

  it('keeps the id of a story a digest edition printed when merging, whatever its age', async () => {
    config = merging();
    await pollItems(testDb.db, sources.vnexpress!, [quake], now, config);
    await pollItems(testDb.db, sources.dantri!, [quakeAngle], now, config);
    const [, printed] = [...new Set((await storyRows()).map((r) => r.story_id))].sort((a, b) => a - b);
    await markPrinted(printed!);
    await pollItems(testDb.db, sources.chinhphu!, [quakePickup], now, config);
    expect((await storyRows()).map((r) => r.story_id)).toEqual([printed, printed, printed]);
    expect((await testDb.db.selectFrom('stories').select('id').execute()).map((s) => s.id)).toEqual([printed]);
  });

  it('does not merge away a story printed by an edition when the item matches two printed stories', async () => {
    config = merging();
    await pollItems(testDb.db, sources.vnexpress!, [quake], now, config);
    await pollItems(testDb.db, sources.dantri!, [quakeAngle], now, config);
    const ids = [...new Set((await storyRows()).map((r) => r.story_id))].sort((a, b) => a - b);
    for (const id of ids) await markPrinted(id);
    await pollItems(testDb.db, sources.chinhphu!, [quakePickup], now, config);
    expect((await testDb.db.selectFrom('stories').select('id').orderBy('id').execute()).map((s) => s.id)).toEqual(ids);
  });

  async function markPrinted(storyId: number): Promise<void> {
    const edition = await testDb.db
      .insertInto('editions')
      .values({ week: `2026-W${40 + storyId}`, timezone: 'Asia/Ho_Chi_Minh', starts_at: at(-200), ends_at: at(-30), built_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await testDb.db
      .insertInto('edition_stories')
      .values({ edition_id: edition.id, topic_key: 'xa-hoi', rank: 1, story_id: storyId, title: 't', url: null, summary: '', outlets: JSON.stringify([]), outlet_count: 1, has_government: false, is_update: false, first_seen_at: at(0), last_seen_at: at(0) })
      .execute();
  }

  it('files stories under topics with a score and a reason', async () => {
    await pollItems(testDb.db, sources.vnexpress!, [football], now, config);
    await pollItems(testDb.db, sources.cafef!, [makeItem({ title: 'Một tin ngắn', summary: '', url: 'https://cafef.vn/a.chn', publishedAt: at(1) })], now, config);
    const topics = await testDb.db.selectFrom('story_topics').selectAll().orderBy('topic_key').execute();
    expect(topics.map((t) => t.topic_key)).toEqual(['kinh-te', 'the-thao']);
    expect(topics.find((t) => t.topic_key === 'kinh-te')?.reason).toBe('CafeF: section feed CafeF');
    expect(topics.find((t) => t.topic_key === 'the-thao')?.reason).toMatch(/^VnExpress: keywords \(title: .*đội tuyển/);
  });

  it('keeps an updated item in its story and refreshes the story title', async () => {
    const [stored] = await pollItems(testDb.db, sources.vnexpress!, [press], now, config);
    await pollItems(testDb.db, sources.dantri!, [bare], now, config);
    const before = await storyRows();
    await pollUpdate(testDb.db, sources.vnexpress!, stored!.id, { ...press, title: 'Chuyện hoàn toàn khác: mưa lớn ở Huế' }, at(5), config);
    expect(await storyRows()).toEqual(before);
    const story = await testDb.db.selectFrom('stories').select(['title', 'item_count']).where('id', '=', before[0]!.story_id).executeTakeFirstOrThrow();
    expect(story).toEqual({ title: 'Chuyện hoàn toàn khác: mưa lớn ở Huế', item_count: 2 });
    const keys = await testDb.db.selectFrom('story_items').select('title_key').where('item_id', '=', stored!.id).executeTakeFirstOrThrow();
    expect(keys.title_key).toBe('chuyen hoan toan khac mua lon o hue');
  });

  it('gives the same stories when the same items are clustered again from scratch', async () => {
    const all = [press, bare, football, womenFootball];
    const run = async () => {
      await pollItems(testDb.db, sources.vnexpress!, [all[2]!, all[0]!], now, config);
      await pollItems(testDb.db, sources.dantri!, [all[3]!, all[1]!], now, config);
      const rows = await storyRows();
      return partition(rows);
    };
    const first = await run();
    await testDb.db.deleteFrom('stories').execute();
    await testDb.db.deleteFrom('items').execute();
    expect(await run()).toEqual(first);
  });

  it('survives bad input without gluing unrelated stories', async () => {
    const flood = Array.from({ length: 30 }, (_, i) =>
      makeItem({ title: `Giá vàng hôm nay ${i + 1}/11: vàng miếng ${140 + i} triệu đồng`, summary: `Giá vàng miếng ngày ${i + 1}/11 ở mức ${140 + i} triệu đồng mỗi lượng.`, publishedAt: at(-i) }),
    );
    const odd = [
      makeItem({ title: '', summary: '', publishedAt: at(0), dateMissing: true }),
      makeItem({ title: '', summary: '', publishedAt: at(0), url: 'https://vnexpress.net/empty-2' }),
      makeItem({ title: 'NÓNG: CHÁY LỚN Ở KHO HÀNG QUẬN 7', summary: 'x'.repeat(5000), publishedAt: at(0) }),
      makeItem({ title: 'Hanoi, after the war began', summary: 'A photo essay.', publishedAt: at(0) }),
      makeItem({ title: 'A', summary: '', publishedAt: at(0) }),
    ];
    await pollItems(testDb.db, sources.vnexpress!, [...flood, ...odd], now, config);
    const rows = await testDb.db.selectFrom('story_items').select('story_id').execute();
    expect(new Set(rows.map((r) => r.story_id)).size).toBe(rows.length);
  });

  it.runIf(kind === 'pg')('makes concurrent polls of two outlets put one release into one story', async () => {
    let hooked!: () => void;
    let release!: () => void;
    const firstHooked = new Promise<void>((resolve) => (hooked = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = testDb.db.transaction().execute(async (trx) => {
      await storeAndAssign(trx, sources.chinhphu!, [gov], now, config);
      hooked();
      await gate;
    });
    await firstHooked;
    // The second poll runs while the first has assigned its story but not committed: it must wait, then join.
    const second = pollItems(testDb.db, sources.vnexpress!, [press], now, config);
    await delay(300);
    release();
    await Promise.all([first, second]);
    const rows = await storyRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]!.story_id).toBe(rows[1]!.story_id);
  });

  it('trains the classifier from section feeds and uses it for general feeds', async () => {
    const sportsSection = sources['vnexpress-the-thao']!;
    const econ = sources.cafef!;
    const sportsTitles = ['Cầu thủ ghi bàn phút cuối', 'Trận đấu kịch tính trên sân nhà', 'Đội khách thua đậm', 'Thủ môn cản phá phạt đền', 'Tiền đạo lập cú đúp'];
    const econTitles = ['Cổ phiếu ngân hàng tăng trần', 'Lãi suất tiết kiệm giảm nhẹ', 'Khối ngoại bán ròng cổ phiếu', 'Tỷ giá trung tâm tăng', 'Doanh nghiệp báo lãi quý'];
    await pollItems(testDb.db, sportsSection, sportsTitles.map((t, i) => makeItem({ title: t, url: `https://x.vn/s${i}`, publishedAt: at(-i) })), now, config);
    await pollItems(testDb.db, econ, econTitles.map((t, i) => makeItem({ title: t, url: `https://x.vn/e${i}`, publishedAt: at(-i) })), now, config);
    const result = await retrainTopicModel(testDb.db, now, config);
    expect(result).toMatchObject({ docCount: 10, topics: { 'the-thao': 5, 'kinh-te': 5 } });
    expect(result.modelId).not.toBeNull();
    await pollItems(testDb.db, sources.vnexpress!, [makeItem({ title: 'Tiền đạo ghi bàn phút cuối trên sân nhà', url: 'https://vnexpress.net/g', publishedAt: at(1) })], now, config);
    const row = await testDb.db
      .selectFrom('item_topics as t')
      .innerJoin('items as i', 'i.id', 't.item_id')
      .select(['t.topic_key', 't.reasons'])
      .where('i.url', '=', 'https://vnexpress.net/g')
      .execute();
    expect(row[0]?.topic_key).toBe('the-thao');
    expect(row[0]?.reasons.join(' ')).toMatch(/classifier p=/);
  });
});

function partition(rows: { url: string | null; story_id: number }[]): string[][] {
  const groups = new Map<number, string[]>();
  for (const row of rows) groups.set(row.story_id, [...(groups.get(row.story_id) ?? []), row.url ?? '']);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}
