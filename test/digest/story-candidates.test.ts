import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { listStoryCandidates } from '../../src/db/editions.repo.js';
import { ensureEdition } from '../../src/digest/build-edition.js';
import { resolveWeek } from '../../src/digest/week.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { createDigestConfig } from './support/fixtures.js';

const week48 = resolveWeek('2026-W48', 'Asia/Ho_Chi_Minh');
const week49 = resolveWeek('2026-W49', 'Asia/Ho_Chi_Minh');

describe.each(dbKinds)('editions from the stories tables on %s', (kind) => {
  let testDb: TestDb | undefined;
  afterEach(async () => testDb?.dispose());

  it('reads the week\'s filed stories with their outlets and topics', async () => {
    testDb = await createTestDb(kind);
    const { db } = testDb;
    const gov = await insertSource(db, 'chinhphu', 'Báo Chính phủ', 'government');
    const press = await insertSource(db, 'vnexpress', 'VnExpress', 'press');
    const inWeek = await insertStory(db, 'Quốc hội họp', '2026-11-24T02:00:00Z', [[gov, 'https://chinhphu.vn/a'], [press, 'https://vnexpress.net/a'], [press, 'https://vnexpress.net/a2']], ['chinh-tri']);
    await insertStory(db, 'Tuần trước', '2026-11-10T02:00:00Z', [[press, 'https://vnexpress.net/b']], ['chinh-tri']);
    await insertStory(db, 'Không chủ đề', '2026-11-25T02:00:00Z', [[press, 'https://vnexpress.net/c']], []);
    const candidates = await listStoryCandidates(db, week48);
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({
      storyId: inWeek,
      title: 'Quốc hội họp',
      topics: ['chinh-tri'],
      outlets: [
        { sourceKey: 'chinhphu', name: 'Báo Chính phủ', kind: 'government', url: 'https://chinhphu.vn/a' },
        { sourceKey: 'vnexpress', name: 'VnExpress', kind: 'press', url: 'https://vnexpress.net/a' },
      ],
    });
    expect(await listStoryCandidates(db, { ...week48, topicKey: 'kinh-te' })).toEqual([]);
  });

  it('brings a story back the next week only after it gained an outlet, marked as updated', async () => {
    testDb = await createTestDb(kind);
    const { db } = testDb;
    const config = createDigestConfig();
    const a = await insertSource(db, 'a', 'Báo A', 'press');
    const b = await insertSource(db, 'b', 'Báo B', 'press');
    const grows = await insertStory(db, 'Lớn dần', '2026-11-27T02:00:00Z', [[a, 'https://a.vn/1']], ['kinh-te']);
    const stays = await insertStory(db, 'Đứng yên', '2026-11-27T03:00:00Z', [[a, 'https://a.vn/2']], ['kinh-te']);
    const deps = { db, config, loadCandidates: listStoryCandidates, now: () => new Date() };
    const first = await ensureEdition(deps, week48);
    // Same outlets, no government source: the more recent story ranks first.
    expect(first.stories.map((s) => [s.storyId, s.isUpdate])).toEqual([[stays, false], [grows, false]]);

    // Both stories get an item in week 49; only `grows` gains an outlet.
    await addItem(db, grows, b, 'https://b.vn/1', '2026-12-01T02:00:00Z');
    await addItem(db, stays, a, 'https://a.vn/2b', '2026-12-01T02:00:00Z');
    const second = await ensureEdition(deps, week49);
    expect(second.stories.map((s) => [s.storyId, s.isUpdate, s.outletCount])).toEqual([[grows, true, 2]]);
  });
});

async function insertSource(db: Kysely<Database>, key: string, name: string, kind: string): Promise<number> {
  const row = await db.insertInto('sources').values({
    key, name, url: `https://${key}.vn/rss`, fetch_url: `https://${key}.vn/rss`, kind, type: 'feed', topics: '[]', settings: '{}',
    timezone: 'Asia/Ho_Chi_Minh', interval_seconds: 1800, updated_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

let itemCounter = 0;

async function addItem(db: Kysely<Database>, storyId: number, sourceId: number, url: string, at: string): Promise<void> {
  itemCounter += 1;
  const item = await db.insertInto('items').values({
    source_id: sourceId, identity_key: `url:${url}#${itemCounter}`, url, title: 't', summary: 's', content_html: '', categories: '[]',
    published_at: at, date_missing: false, content_hash: `h${itemCounter}`, fetched_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('story_items').values({
    item_id: item.id, story_id: storyId, source_id: sourceId, url_key: null, title_key: 't', body_key: 'b', published_at: at,
    is_government: false, join_reason: 'new', similarity: null, matched_item_id: null,
  }).execute();
  await db.updateTable('stories').set((eb) => ({ last_seen_at: at, source_count: eb('source_count', '+', 1) })).where('id', '=', storyId).where('last_seen_at', '<', new Date(at)).execute();
}

async function insertStory(db: Kysely<Database>, title: string, at: string, items: [number, string][], topics: string[]): Promise<number> {
  const story = await db.insertInto('stories').values({
    lead_item_id: null, title, url: items[0]?.[1] ?? null, summary: `${title}.`, first_seen_at: at, last_seen_at: at, item_count: 0, source_count: 0, updated_at: at,
  })
    .returning('id').executeTakeFirstOrThrow();
  for (const [sourceId, url] of items) await addItem(db, story.id, sourceId, url, at);
  for (const key of topics) await db.insertInto('story_topics').values({ story_id: story.id, topic_key: key, score: 2, reason: 'test', first_seen_at: at }).execute();
  return story.id;
}
