// Two `bantin start` processes on one Postgres and a local feed farm. Runs only when DATABASE_URL is set.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { startFeedFarm, type FeedFarm } from '../support/feed-farm.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ITEMS_PER_FEED = 3;

interface Instance {
  child: ChildProcess;
  output: string[];
}

function writeConfig(dir: string, farm: FeedFarm, feeds: number[]): Promise<string> {
  const file = path.join(dir, 'bantin.yaml');
  const sources = feeds
    .map((n) => `  - { key: farm-${n}, name: "Nguồn ${n}", url: "${farm.url}/feed/${n}", allowPrivateNetwork: true }`)
    .join('\n');
  // A long interval makes one cycle per test; a short lease lets a dead instance's sources come back quickly.
  const yaml = `poll:\n  interval: 1h\n  lease: 3s\n  concurrency: 4\n  perHost: 8\n  timeout: 60s\nsources:\n${sources}\n`;
  return writeFile(file, yaml).then(() => file);
}

function startInstance(configFile: string, databaseUrl: string, dataDir: string): Promise<Instance> {
  const child = spawn(process.execPath, ['bin/bantin.js', 'start', '--config', configFile, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, BANTIN_DATA_DIR: dataDir, LOG_LEVEL: 'info', ADMIN_EMAIL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  child.stderr!.on('data', (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.some((line) => line.includes('serving on'))) {
        clearInterval(timer);
        resolve({ child, output });
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`bantin start exited with ${code}:\n${output.join('\n')}`));
    });
  });
}

async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function stopInstance(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await exited;
}

describe.runIf(process.env.DATABASE_URL)('two bantin instances on one Postgres', () => {
  let testDb: TestDb | undefined;
  let farm: FeedFarm | undefined;
  let dir: string | undefined;
  const instances: Instance[] = [];
  afterEach(async () => {
    farm?.releaseHeld();
    await Promise.all(instances.splice(0).map(stopInstance));
    await farm?.close();
    await testDb?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function countItems(): Promise<{ total: number; distinct: number }> {
    const { rows } = await sql<{ total: number; distinct: number }>`
      select count(*)::int as total, count(distinct (source_id, identity_key))::int as "distinct" from items`.execute(testDb!.db);
    return rows[0]!;
  }

  it('splits the due sources: each fetched once per cycle, no item stored twice', async () => {
    testDb = await createTestDb('pg');
    farm = await startFeedFarm(ITEMS_PER_FEED);
    dir = await mkdtemp(path.join(tmpdir(), 'bantin-multi-'));
    const feeds = Array.from({ length: 20 }, (_, i) => i + 1);
    const config = await writeConfig(dir, farm, feeds);
    instances.push(...(await Promise.all([startInstance(config, testDb.url!, dir), startInstance(config, testDb.url!, dir)])));

    await waitUntil(async () => (await countItems()).total === feeds.length * ITEMS_PER_FEED, 'the first cycle');
    for (const n of feeds) expect(farm.hits.get(`/feed/${n}`)).toBe(1);

    // The next cycle: every source due again at once.
    await sql`update sources set next_check_at = now()`.execute(testDb.db);
    await waitUntil(() => feeds.every((n) => farm!.hits.get(`/feed/${n}`) === 2), 'the second cycle');
    await waitUntil(async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from sources where locked_by is not null`.execute(testDb!.db);
      return rows[0]!.n === 0;
    }, 'the second cycle to be recorded');
    for (const n of feeds) expect(farm.hits.get(`/feed/${n}`)).toBe(2);
    expect(await countItems()).toEqual({ total: feeds.length * ITEMS_PER_FEED, distinct: feeds.length * ITEMS_PER_FEED });
  }, 180_000);

  it('finishes the sources of an instance killed mid-poll once their lease expires', async () => {
    testDb = await createTestDb('pg');
    farm = await startFeedFarm(ITEMS_PER_FEED);
    dir = await mkdtemp(path.join(tmpdir(), 'bantin-multi-'));
    const feeds = Array.from({ length: 8 }, (_, i) => i + 1);
    for (const n of [1, 2, 3, 4]) farm.held.add(`/feed/${n}`);
    const config = await writeConfig(dir, farm, feeds);

    const doomed = await startInstance(config, testDb.url!, dir);
    await waitUntil(() => farm!.heldCount() === 4, 'the first instance to be mid-poll on four feeds');
    const killed = new Promise((resolve) => doomed.child.once('exit', resolve));
    doomed.child.kill('SIGKILL');
    await killed;
    farm.releaseHeld();
    const { rows: locked } = await sql<{ n: number }>`select count(*)::int as n from sources where locked_by is not null`.execute(testDb.db);
    expect(locked[0]!.n).toBeGreaterThanOrEqual(4);

    instances.push(await startInstance(config, testDb.url!, dir));
    await waitUntil(async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from sources where last_success_at is not null and locked_by is null`.execute(testDb!.db);
      return rows[0]!.n === feeds.length;
    }, 'the survivor to finish every source');
    expect(await countItems()).toEqual({ total: feeds.length * ITEMS_PER_FEED, distinct: feeds.length * ITEMS_PER_FEED });
    for (const n of [1, 2, 3, 4]) expect(farm.hits.get(`/feed/${n}`)).toBe(2);
  }, 180_000);
});
