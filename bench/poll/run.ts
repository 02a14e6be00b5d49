// bench/poll: cold poll (every item new) and warm poll (every feed answers 304) of a local feed farm, on PGlite
// and, when DATABASE_URL is set, on Postgres. Prints items/s, feeds/s and peak RSS.
//   npm run bench:poll -- [--feeds 500] [--items 50]
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseConfig } from '../../src/config/load.js';
import { createDb, type DbHandle } from '../../src/db/create-db.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { syncSources } from '../../src/db/sources.repo.js';
import { createFetcher } from '../../src/ingest/fetch.js';
import { pollDueSources } from '../../src/ingest/poll-run.js';
import { createStoryHook } from '../../src/stories/assign.js';
import { forkFeedFarm } from './farm.js';
import { createScratchDatabase } from '../../test/support/scratch-database.js';

const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '500' },
    items: { type: 'string', default: '50' },
    db: { type: 'string' },
    // Also file every item into stories and topics, as `bantin start` does (issue 3's hook).
    stories: { type: 'boolean', default: false },
  },
});
const FEEDS = Number(values.feeds);
const ITEMS = Number(values.items);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function openBenchDb(kind: 'pglite' | 'pg'): Promise<{ handle: DbHandle; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const dir = `.tmp/bench-poll-${randomBytes(4).toString('hex')}`;
    return { handle: createDb({ databaseUrl: null, dataDir: dir }), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const scratch = await createScratchDatabase(process.env.DATABASE_URL!, 'bantin_bench');
  return { handle: createDb({ databaseUrl: scratch.url, dataDir: 'unused' }, { poolSize: 20 }), drop: scratch.drop };
}

async function benchOne(kind: 'pglite' | 'pg', urls: string[]): Promise<string> {
  const { handle, drop } = await openBenchDb(kind);
  peakRss = process.memoryUsage().rss;
  try {
    await migrateToLatest(handle.db);
    const sources = urls.map((url, i) => `  - { key: f${i}, name: "Feed ${i}", url: "${url}" }`).join('\n');
    const config = parseConfig(`poll: { concurrency: 32, perHost: 4 }\nsources:\n${sources}\n`);
    await syncSources(handle.db, config, new Date());
    const fetcher = createFetcher({ timeoutMs: 20_000, maxBytes: 10 << 20, maxRedirects: 5, userAgent: 'bantin-bench', concurrency: 32, perHost: 4 });
    const keys = config.sources.map((s) => s.key);
    const deps = { db: handle.db, fetcher, config, instanceId: 'bench', now: () => new Date(), ...(values.stories ? { afterItemsStored: createStoryHook(config) } : {}) };

    let started = performance.now();
    const cold = await pollDueSources(deps, { keys });
    const coldSeconds = (performance.now() - started) / 1000;
    const stored = cold.reduce((n, o) => n + (o.status === 'stored' ? o.newItems : 0), 0);
    const errors = cold.filter((o) => o.status === 'error');

    started = performance.now();
    const warm = await pollDueSources(deps, { keys });
    const warmSeconds = (performance.now() - started) / 1000;
    const notModified = warm.filter((o) => o.status === 'not-modified').length;
    await fetcher.close();
    return [
      `${kind.padEnd(7)} cold: ${stored} items in ${coldSeconds.toFixed(1)} s = ${Math.round(stored / coldSeconds)} items/s (${errors.length} errors${errors[0] ? `: ${errors[0].status === 'error' ? errors[0].message : ''}` : ''})`,
      `${kind.padEnd(7)} warm: ${notModified}/${warm.length} not modified in ${warmSeconds.toFixed(2)} s = ${Math.round(warm.length / warmSeconds)} feeds/s`,
      `${kind.padEnd(7)} peak RSS: ${Math.round(peakRss / 1024 / 1024)} MB`,
    ].join('\n');
  } finally {
    await handle.close();
    await drop();
  }
}

if (values.db === 'pglite' || values.db === 'pg') {
  // One database kind per process, so peak RSS is that kind's alone (PGlite's WebAssembly heap never shrinks).
  const farm = await forkFeedFarm({ feeds: FEEDS, itemsPerFeed: ITEMS, hosts: 20 });
  try {
    console.log(await benchOne(values.db, farm.urls));
  } finally {
    clearInterval(sampler);
    await farm.close();
  }
} else {
  clearInterval(sampler);
  const scope = values.stories ? 'fetch → store + stories and topics' : 'fetch → decode → parse → normalize → store';
  console.log(`bench/poll: ${FEEDS} feeds × ${ITEMS} items on 20 loopback hosts, ${scope} (Node ${process.version}, ${availableParallelism()} cores)`);
  for (const kind of process.env.DATABASE_URL ? ['pglite', 'pg'] : ['pglite']) {
    const args = ['--feeds', String(FEEDS), '--items', String(ITEMS), '--db', kind, ...(values.stories ? ['--stories'] : [])];
    execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], {
      stdio: 'inherit',
    });
  }
}
