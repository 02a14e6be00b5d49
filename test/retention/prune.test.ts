import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { readItemLinks } from '../../src/db/prune.repo.js';
import { pruneOldItems } from '../../src/retention/prune.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { insertTestItem, insertTestSource } from '../support/source-rows.js';
import { buildTestConfig, makeItem, pollItems, seedSources } from '../stories/store-helpers.js';

const NOW = new Date('2026-11-29T00:00:00Z');
const DAY = 86_400_000;
const MAX_AGE = 180 * DAY;

// Story membership and an item annotation, standing in for the story tables of another migration:
// prune must find both through the catalog, not by name.
async function createLinkTables(testDb: TestDb): Promise<void> {
  await sql`create table test_story_members (story_id integer not null, item_id integer not null references items(id))`.execute(testDb.db);
  await sql`create table test_item_notes (item_id integer not null references items(id), note text)`.execute(testDb.db);
}

async function linkStoryToEdition(testDb: TestDb, storyId: number): Promise<void> {
  const edition = await sql<{ id: number }>`
    insert into editions (week, timezone, starts_at, ends_at, built_at)
    values (${`2026-W${10 + storyId}`}, 'Asia/Ho_Chi_Minh', ${NOW}, ${NOW}, ${NOW}) returning id`.execute(testDb.db);
  await sql`
    insert into edition_stories (edition_id, topic_key, rank, story_id, title, url, summary, outlets, outlet_count,
      has_government, is_update, first_seen_at, last_seen_at)
    values (${edition.rows[0]!.id}, 'kinh-te', 1, ${storyId}, 'Tin', null, '', ${JSON.stringify([])}, 1, false, false, ${NOW}, ${NOW})`.execute(testDb.db);
}

describe.each(dbKinds)('pruneOldItems on %s', (kind) => {
  let testDb: TestDb | undefined;
  afterEach(async () => testDb?.dispose());

  it('deletes old items in batches and keeps the ones an edition links to through its story', async () => {
    testDb = await createTestDb(kind);
    const { db } = testDb;
    await createLinkTables(testDb);
    const source = await insertTestSource(db, { key: 'vnexpress' });
    const old: number[] = [];
    for (let i = 0; i < 7; i += 1) old.push(await insertTestItem(db, source, `old${i}`, new Date(NOW.getTime() - (200 + i) * DAY)));
    const recent = await insertTestItem(db, source, 'recent', new Date(NOW.getTime() - 10 * DAY));
    // old[0] is in story 1, which an edition printed; old[1] is in story 2, which no edition used.
    await sql`insert into test_story_members (story_id, item_id) values (1, ${old[0]}), (2, ${old[1]}), (1, ${recent})`.execute(db);
    await sql`insert into test_item_notes (item_id, note) values (${old[2]}, 'x'), (${recent}, 'y')`.execute(db);
    await linkStoryToEdition(testDb, 1);

    const batches: number[] = [];
    const result = await pruneOldItems(db, { maxAgeMs: MAX_AGE, now: NOW, batchSize: 2, onBatch: (n) => batches.push(n) });
    expect(result.deleted).toBe(6);
    expect(batches).toEqual([2, 2, 2]);
    const left = await db.selectFrom('items').select('id').orderBy('id').execute();
    expect(left.map((r) => r.id)).toEqual([old[0], recent]);
    const members = await sql<{ item_id: number }>`select item_id from test_story_members order by item_id`.execute(db);
    expect(members.rows.map((r) => r.item_id)).toEqual([old[0], recent]);
    const notes = await sql<{ item_id: number }>`select item_id from test_item_notes`.execute(db);
    expect(notes.rows.map((r) => r.item_id)).toEqual([recent]);
    expect((await pruneOldItems(db, { maxAgeMs: MAX_AGE, now: NOW })).deleted).toBe(0);
  });

  it('keeps an item fetched recently even when the feed dated it long ago, and stops at maxBatches', async () => {
    testDb = await createTestDb(kind);
    const { db } = testDb;
    const source = await insertTestSource(db, { key: 'baochinhphu' });
    const backdated = await insertTestItem(db, source, 'backdated', new Date(NOW.getTime() - 400 * DAY));
    await db.updateTable('items').set({ fetched_at: new Date(NOW.getTime() - DAY) }).where('id', '=', backdated).execute();
    for (let i = 0; i < 5; i += 1) await insertTestItem(db, source, `old${i}`, new Date(NOW.getTime() - 300 * DAY));
    const first = await pruneOldItems(db, { maxAgeMs: MAX_AGE, now: NOW, batchSize: 2, maxBatches: 1 });
    expect(first).toMatchObject({ deleted: 2, batches: 1 });
    expect((await pruneOldItems(db, { maxAgeMs: MAX_AGE, now: NOW, batchSize: 2 })).deleted).toBe(3);
    expect((await db.selectFrom('items').select('id').execute()).map((r) => r.id)).toEqual([backdated]);
  });

  it('drops stories whose items were all pruned and refreshes the ones that lost some', async () => {
    testDb = await createTestDb(kind);
    const { db } = testDb;
    const config = buildTestConfig();
    const sources = await seedSources(db, config, NOW);
    const longAgo = new Date(NOW.getTime() - 200 * DAY);
    const lastWeek = new Date(NOW.getTime() - 7 * DAY);
    const at = (base: Date, hours: number) => new Date(base.getTime() + hours * 3_600_000);
    const summary = 'Liên Bộ Công Thương - Tài chính điều chỉnh giá bán lẻ xăng dầu từ 15h, xăng RON95 giảm 420 đồng, còn 20.150 đồng mỗi lít.';
    // An old story told twice (both items old), and a story whose first item is old and whose copy is recent.
    const oldStory = [
      makeItem({ title: 'Giá xăng giảm từ 15h chiều nay', summary, url: 'https://baochinhphu.vn/xang-cu.htm', publishedAt: longAgo }),
      makeItem({ title: 'Giá xăng giảm từ 15h chiều nay', summary, url: 'https://vnexpress.net/xang-cu.html', publishedAt: at(longAgo, 1) }),
    ];
    await pollItems(db, sources.chinhphu!, [oldStory[0]!], longAgo, config);
    await pollItems(db, sources.vnexpress!, [oldStory[1]!], at(longAgo, 1), config);
    const early = makeItem({ title: 'Khởi công cầu Tứ Liên bắc qua sông Hồng', summary: 'Cầu Tứ Liên dài 5,2 km nối quận Tây Hồ với huyện Đông Anh, tổng vốn 20.000 tỷ đồng.', url: 'https://dantri.com.vn/cau-tu-lien.htm', publishedAt: at(longAgo, 5) });
    await pollItems(db, sources.dantri!, [early], at(longAgo, 5), config);
    await pollItems(db, sources.vnexpress!, [{ ...early, url: 'https://vnexpress.net/cau-tu-lien.html', publishedAt: at(longAgo, 6) }], lastWeek, config);
    const before = await db.selectFrom('stories').select(['id', 'item_count']).orderBy('id').execute();
    expect(before.map((s) => s.item_count)).toEqual([2, 2]);

    expect((await pruneOldItems(db, { maxAgeMs: MAX_AGE, now: NOW })).deleted).toBe(3);
    const after = await db.selectFrom('stories').select(['id', 'item_count', 'source_count', 'url', 'updated_at']).execute();
    expect(after).toEqual([{ id: before[1]!.id, item_count: 1, source_count: 1, url: 'https://vnexpress.net/cau-tu-lien.html', updated_at: NOW }]);
  });

  it('finds the link tables and blocking references in the catalog', async () => {
    testDb = await createTestDb(kind);
    await createLinkTables(testDb);
    const links = await readItemLinks(testDb.db);
    expect(links.hasEditions).toBe(true);
    expect(links.hasStories).toBe(true);
    expect(links.storyItemTables).toContain('test_story_members');
    expect(links.blockingReferences).toEqual(expect.arrayContaining([
      { table: 'test_item_notes', column: 'item_id' },
      { table: 'test_story_members', column: 'item_id' },
    ]));
  });
});
