// Scale benchmark: N sources on a local feed farm spread over many loopback hosts, polled by one and then two
// `bantin start` processes on one Postgres. Prints sources polled per minute and the due-source lag.
//   DATABASE_URL=postgres://… npm run bench:scale -- [--sources 5000] [--hosts 50] [--latency 100] [--items 10]
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDb, type DbHandle } from '../../src/db/create-db.js';
import { readDueSourceLagSeconds } from '../../src/db/metrics.repo.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { renderFarmFeed } from '../../test/support/feed-farm.js';
import { createScratchDatabase } from '../../test/support/scratch-database.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INTERVALS = ['15m', '30m', '1h', '2h'];

interface Farm {
  port: number;
  hosts: string[];
  hits: number;
  firstHitAt: number | null;
  lastHitAt: number | null;
  close(): Promise<void>;
}

interface RunFigures {
  instances: number;
  polled: number;
  seconds: number;
  perMinute: number;
  maxLagSeconds: number;
  meanLagSeconds: number;
}

/** One HTTP server per loopback address (127.0.0.2 …), all on one port, each answering /feed/N after `latencyMs`. */
async function startFarm(hostCount: number, latencyMs: number, items: number): Promise<Farm> {
  const farm: Farm = { port: 0, hosts: [], hits: 0, firstHitAt: null, lastHitAt: null, close: async () => {} };
  const bodies = new Map<number, string>();
  const servers: Server[] = [];
  const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    const n = Number(/^\/feed\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
    farm.hits += 1;
    farm.firstHitAt ??= Date.now();
    farm.lastHitAt = Date.now();
    if (n < 0) return void res.writeHead(404).end();
    if (!bodies.has(n)) bodies.set(n, renderFarmFeed(n, items));
    // Real feeds answer in tens to hundreds of milliseconds; ±50 % jitter keeps polls from moving in lockstep.
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(bodies.get(n)), latencyMs * (0.5 + Math.random()));
  };
  for (let i = 0; i < hostCount; i += 1) {
    const host = `127.0.0.${2 + i}`;
    const server = createServer(handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(farm.port, host, () => resolve());
    });
    farm.port = (server.address() as AddressInfo).port;
    farm.hosts.push(host);
    servers.push(server);
  }
  farm.close = async () => {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); })));
  };
  return farm;
}

function renderConfig(farm: Farm, sources: number): string {
  const lines = ['poll:', '  lease: 2m', '  concurrency: 16', '  perHost: 2', 'sources:'];
  for (let n = 1; n <= sources; n += 1) {
    const host = farm.hosts[n % farm.hosts.length];
    const interval = INTERVALS[n % INTERVALS.length];
    lines.push(`  - { key: s-${n}, name: "Nguồn ${n}", url: "http://${host}:${farm.port}/feed/${n}", interval: ${interval}, allowPrivateNetwork: true }`);
  }
  return `${lines.join('\n')}\n`;
}


function startInstance(configFile: string, databaseUrl: string, dataDir: string): ChildProcess {
  return spawn(process.execPath, ['bin/bantin.js', 'start', '--config', configFile, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, BANTIN_DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
}

async function countPolled(handle: DbHandle): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from sources where last_success_at is not null and locked_by is null`.execute(handle.db);
  return rows[0]!.n;
}

async function runOnce(instances: number, options: { serverUrl: string; sources: number; farm: Farm; dir: string }): Promise<RunFigures> {
  const database = await createScratchDatabase(options.serverUrl);
  const handle = createDb({ databaseUrl: database.url, dataDir: options.dir });
  const children: ChildProcess[] = [];
  try {
    await migrateToLatest(handle.db);
    const configFile = path.join(options.dir, `bantin-${instances}.yaml`);
    await writeFile(configFile, renderConfig(options.farm, options.sources));
    options.farm.hits = 0;
    options.farm.firstHitAt = null;
    for (let i = 0; i < instances; i += 1) children.push(startInstance(configFile, database.url, options.dir));
    const lags: number[] = [];
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (options.farm.firstHitAt !== null) lags.push(await readDueSourceLagSeconds(handle.db, new Date()));
      const polled = await countPolled(handle);
      if (polled >= options.sources) break;
      if (children.every((c) => c.exitCode !== null)) throw new Error('every instance exited');
    }
    const seconds = ((options.farm.lastHitAt ?? 0) - (options.farm.firstHitAt ?? 0)) / 1000;
    return {
      instances,
      polled: options.sources,
      seconds,
      perMinute: Math.round((options.sources / seconds) * 60),
      maxLagSeconds: Math.round(Math.max(0, ...lags)),
      meanLagSeconds: Math.round(lags.reduce((a, b) => a + b, 0) / Math.max(1, lags.length)),
    };
  } finally {
    await Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : (c.once('exit', resolve), c.kill('SIGTERM'))))));
    await handle.close();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sources: { type: 'string', default: '5000' }, hosts: { type: 'string', default: '50' }, latency: { type: 'string', default: '100' }, items: { type: 'string', default: '10' } },
  });
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('bench:scale needs DATABASE_URL (two instances share one Postgres)');
  const sources = Number(values.sources);
  const farm = await startFarm(Number(values.hosts), Number(values.latency), Number(values.items));
  const dir = await mkdtemp(path.join(tmpdir(), 'bantin-scale-'));
  console.log(`scale: ${sources} sources on ${farm.hosts.length} hosts, ~${values.latency} ms per response, ${values.items} items per feed`);
  console.log('instances  sources  seconds  polled/min  max lag (s)  mean lag (s)');
  try {
    for (const instances of [1, 2]) {
      const r = await runOnce(instances, { serverUrl, sources, farm, dir });
      console.log(`${String(r.instances).padStart(9)}  ${String(r.polled).padStart(7)}  ${r.seconds.toFixed(1).padStart(7)}  ${String(r.perMinute).padStart(10)}  ${String(r.maxLagSeconds).padStart(11)}  ${String(r.meanLagSeconds).padStart(12)}`);
    }
    const needed = Math.round((sources / 4) * (60 / 15 + 60 / 30 + 60 / 60 + 60 / 120) / 60);
    console.log(`steady state needs ~${needed} polls/min for these intervals (15m/30m/1h/2h mix)`);
  } finally {
    await farm.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
