// `npm run bench:stories`: the cost of clustering + categorizing one new item with 10k, 100k and 1M items stored,
// and items/s through the hook. Stored items are synthetic rows (one story each, 48 LSH band rows with random
// hashes, published over the past year), written in bulk with SQL; the new items are the labeled evaluation set,
// re-dated to "now" so they land in the densest part of the index. PGlite by default (10k and 100k); with
// DATABASE_URL a fresh Postgres database is created and dropped, and 1M is measured too.
// Options: --sizes 10000,100000 (default: 10k,100k on PGlite; 10k,100k,1M on Postgres) --per-size 150.
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { configSchema } from '../../src/config/schema.js';
import { createDb, type DbHandle } from '../../src/db/create-db.js';
import { insertItems } from '../../src/db/items.repo.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import type { Database } from '../../src/db/schema.js';
import { listSourceRows, syncSources, toSource } from '../../src/db/sources.repo.js';
import type { Source, StoredItem } from '../../src/ingest/types.js';
import { assignStoriesAndTopics } from '../../src/stories/assign.js';
import { loadEvalItems } from '../eval/dataset.js';
import { BAND_ROWS, SIGNATURE_SIZE } from '../../src/text/signature.js';
import { createScratchDatabase } from '../../test/support/scratch-database.js';

const TOPICS = ['chinh-tri', 'kinh-te', 'phap-luat', 'xa-hoi', 'the-gioi', 'giao-duc', 'suc-khoe', 'van-hoa', 'the-thao', 'cong-nghe'];
const NOW = new Date('2026-11-29T12:00:00Z');
const BATCH = 50_000;
const POLL_SIZE = 15;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, 'per-size': { type: 'string' } } });
  const { handle, label, drop } = await openBenchDb();
  const sizes = (values.sizes ?? (handle.kind === 'pg' ? '10000,100000,1000000' : '10000,100000')).split(',').map(Number);
  const perSize = Number(values['per-size'] ?? 150);
  try {
    await migrateToLatest(handle.db);
    const config = configSchema.parse({
      topics: TOPICS.map((key) => ({ key, name: { vi: key, en: key } })),
      sources: Array.from({ length: 6 }, (_, i) => ({ key: `s${i}`, name: `Nguồn ${i}`, url: `https://s${i}.example/rss`, kind: i === 0 ? 'government' : 'press' })),
    });
    await syncSources(handle.db, config, NOW);
    const sources = (await listSourceRows(handle.db)).map(toSource);
    console.log(`bench:stories on ${label}; ${perSize} new items per size, polls of ${POLL_SIZE}`);
    console.log('stored items | per new item: median   p95     | items/s through the hook');
    let stored = 0;
    for (const [round, size] of sizes.entries()) {
      const started = Date.now();
      stored = await topUp(handle.db, sources, stored, size);
      process.stderr.write(`  (filled to ${stored} in ${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
      const timings = await measureNewItems(handle.db, sources, config, perSize, round);
      const total = timings.reduce((a, b) => a + b, 0);
      console.log(`${String(size).padStart(12)} | ${fmt(percentile(timings, 0.5))} ms ${fmt(percentile(timings, 0.95))} ms | ${((timings.length / total) * 1000).toFixed(0)}`);
    }
  } finally {
    await handle.close();
    await drop();
  }
}

async function openBenchDb(): Promise<{ handle: DbHandle; label: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { handle: createDb({ databaseUrl: null, dataDir: 'memory://' }), label: 'PGlite (in memory)', drop: async () => {} };
  const scratch = await createScratchDatabase(serverUrl, 'bantin_bench');
  return { handle: createDb({ databaseUrl: scratch.url, dataDir: 'unused' }), label: `Postgres (${new URL(scratch.url).pathname.slice(1)})`, drop: scratch.drop };
}


// Bulk rows: one item, one story, one membership and one band row per LSH band per synthetic item.
async function topUp(db: Kysely<Database>, sources: Source[], from: number, to: number): Promise<number> {
  const sourceIds = sources.map((s) => s.id);
  for (let start = from; start < to; start += BATCH) {
    const end = Math.min(to, start + BATCH);
    const before = await sql<{ max: number }>`select coalesce(max(item_id), 0)::int as max from story_items`.execute(db);
    const lastId = before.rows[0]?.max ?? 0;
    await sql`
      with new_items as (
        insert into items (source_id, identity_key, title, summary, content_html, categories, published_at, date_missing, content_hash, fetched_at, updated_at)
        select (${sql.val(sourceIds)}::int[])[1 + g % ${sourceIds.length}], 'bench:' || g, 'synthetic ' || g, '', '', '[]'::jsonb,
               ${NOW}::timestamptz - random() * interval '365 days', false, 'h', ${NOW}, ${NOW}
        from generate_series(${start}::int, ${end - 1}::int) g
        returning id, source_id, title, published_at
      ), new_stories as (
        insert into stories (lead_item_id, title, summary, first_seen_at, last_seen_at, item_count, source_count, updated_at)
        select id, title, '', published_at, published_at, 1, 1, ${NOW} from new_items returning id, lead_item_id
      )
      insert into story_items (item_id, story_id, source_id, url_key, title_key, body_key, published_at, is_government, join_reason)
      select ni.id, ns.id, ni.source_id, null, 'synthetic ' || ni.id, md5(ni.id::text), ni.published_at, false, 'new'
      from new_items ni join new_stories ns on ns.lead_item_id = ni.id`.execute(db);
    await sql`
      insert into story_bands (item_id, band, hash, published_at)
      select si.item_id, b, (floor(random() * 4294967296) - 2147483648)::int, si.published_at
      from story_items si cross join generate_series(0, ${SIGNATURE_SIZE / BAND_ROWS - 1}::int) b
      where si.item_id > ${lastId}`.execute(db);
  }
  await sql`analyze`.execute(db);
  return to;
}

async function measureNewItems(db: Kysely<Database>, sources: Source[], config: ReturnType<typeof configSchema.parse>, count: number, round: number): Promise<number[]> {
  const evalItems = loadEvalItems();
  const picked = Array.from({ length: count }, (_, i) => evalItems[(i + round * count) % evalItems.length]!);
  const timings: number[] = [];
  for (let start = 0; start < picked.length; start += POLL_SIZE) {
    const source = sources[(start / POLL_SIZE) % sources.length]!;
    const batch = picked.slice(start, start + POLL_SIZE).map((e, i) => ({
      identityKey: `new:${round}:${start + i}`,
      contentHash: 'h',
      item: {
        guid: null, url: `https://${source.key}.example/${round}/${start + i}`, title: e.title, summary: e.summary, contentHtml: '', author: null,
        imageUrl: null, categories: [], publishedAt: new Date(NOW.getTime() - (e.publishedAt.getTime() % 86_400_000)), dateMissing: false,
      },
    }));
    await db.transaction().execute(async (trx) => {
      const ids = await insertItems(trx, source.id, batch, NOW);
      const stored: StoredItem[] = batch.map((b) => ({ id: ids.get(b.identityKey)!, sourceId: source.id, change: 'new', item: b.item }));
      const t0 = performance.now();
      await assignStoriesAndTopics(trx, source, stored, NOW, config);
      const perItem = (performance.now() - t0) / stored.length;
      for (let i = 0; i < stored.length; i += 1) timings.push(perItem);
    });
  }
  return timings;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function fmt(ms: number): string {
  return ms.toFixed(2).padStart(6);
}

await main();
