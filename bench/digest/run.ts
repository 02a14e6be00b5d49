// `npm run bench:digest`: 10,000 subscribers over varied topic sets, one edition, sent to a local SMTP sink in
// another process. Prints messages/s handed over, MJML compiles and peak RSS.
// Options: --subscribers N (10000) --concurrency N (16) --rate N (5000). DATABASE_URL selects Postgres.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { createDb } from '../../src/db/create-db.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { insertConfirmedSubscribers } from '../../src/db/subscribers.repo.js';
import { parseConfig } from '../../src/config/load.js';
import { sendEdition } from '../../src/digest/send-edition.js';
import type { StoryCandidate } from '../../src/digest/types.js';
import { resolveWeek } from '../../src/digest/week.js';
import { createSmtpTransport } from '../../src/mail/smtp-transport.js';
import { createManageNonce } from '../../src/subscribers/tokens.js';
import { createScratchDatabase } from '../../test/support/scratch-database.js';

const TOPICS = ['chinh-tri', 'kinh-te', 'phap-luat', 'xa-hoi', 'the-gioi', 'giao-duc', 'suc-khoe', 'van-hoa', 'the-thao', 'cong-nghe'];
const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '16' }, rate: { type: 'string', default: '5000' } } });
const subscriberCount = Number(values.subscribers);

const config = parseConfig(`topics:\n${TOPICS.map((k) => `  - key: ${k}\n    name: { vi: "Chủ đề ${k}", en: "Topic ${k}" }`).join('\n')}\n`);
config.digest = { ...config.digest, concurrency: Number(values.concurrency), rate: Number(values.rate), fromAddress: 'bantin <digest@bench.test>' };

const random = createRandom(48);
const sink = await startSink();
// On Postgres a throwaway database per run: a second run in the same database would find the edition already sent.
const benchDb = await createBenchDatabase(process.env.DATABASE_URL ?? null);
const handle = createDb({ databaseUrl: benchDb.url, dataDir: 'memory://' });
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
try {
  await migrateToLatest(handle.db);
  const seedStart = performance.now();
  await insertConfirmedSubscribers(handle.db, Array.from({ length: subscriberCount }, (_, i) => ({
    email: `reader${i}@bench.test`,
    locale: random() < 0.7 ? 'vi' : 'en',
    topics: pickTopicSet(),
    manageNonce: createManageNonce(),
  })), new Date());
  console.log(`seeded ${subscriberCount} subscribers in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${sink.port}`, maxConnections: config.digest.concurrency });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await sendEdition(
    { db: handle.db, config, settings: { publicUrl: 'https://bench.test', secret: 'bench-secret', adminEmail: null }, transport, loadCandidates: async () => createStories(), workerId: 'bench' },
    resolveWeek('2026-W48', config.timezone),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await transport.close();
  const accepted = await sink.stop();
  clearInterval(sampler);
  const { summary } = result;
  console.log(`database: ${handle.kind}; concurrency ${config.digest.concurrency}; rate limit ${config.digest.rate}/s`);
  console.log(`messages handed over: ${summary.sent} (sink accepted ${accepted}), failed ${summary.failed}, in ${seconds.toFixed(1)} s`);
  console.log(`throughput: ${(summary.sent / seconds).toFixed(0)} messages/s (build + ledger + render + SMTP)`);
  console.log(`sender CPU: ${cpuSeconds.toFixed(1)} s (${((cpuSeconds / summary.sent) * 1000).toFixed(2)} ms per message, ${(summary.sent / cpuSeconds).toFixed(0)} messages per CPU-second)`);
  console.log(`MJML compiles: ${result.compileCount} (one per edition and locale; topic sets are assembled from it)`);
  console.log(`peak RSS: ${(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024).toFixed(0)} MiB`);
} finally {
  clearInterval(sampler);
  await handle.close();
  await benchDb.drop();
  sink.kill();
}

async function createBenchDatabase(serverUrl: string | null): Promise<{ url: string | null; drop(): Promise<void> }> {
  if (!serverUrl) return { url: null, drop: async () => {} };
  return createScratchDatabase(serverUrl, 'bantin_bench');
}

function pickTopicSet(): string[] {
  const size = 1 + Math.floor(random() * 3);
  const chosen = new Set<string>();
  while (chosen.size < size) chosen.add(TOPICS[Math.floor(random() * TOPICS.length)]!);
  return [...chosen];
}

function createStories(): StoryCandidate[] {
  return TOPICS.flatMap((topic, t) => Array.from({ length: 12 }, (_, i) => {
    const id = t * 100 + i + 1;
    const outlets = 1 + (id % 5);
    return {
      storyId: id,
      title: `Tin ${topic} số ${i + 1}: Quốc hội thảo luận về dự án luật sửa đổi`,
      url: `https://news.example/${id}`,
      summary: 'Chiều nay, các đại biểu thảo luận ở tổ về dự thảo luật, tập trung vào những điểm mới và các ý kiến còn khác nhau.',
      outlets: Array.from({ length: outlets }, (_, o) => ({ sourceKey: `s${o}`, name: `Báo ${o}`, url: null, kind: o === 0 && id % 3 === 0 ? 'government' as const : 'press' as const })),
      firstSeenAt: new Date('2026-11-24T02:00:00Z'),
      lastSeenAt: new Date(Date.UTC(2026, 10, 24, i)),
      topics: [topic],
    };
  }));
}

async function startSink(): Promise<{ port: number; stop(): Promise<number>; kill(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./sink.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  while (!/port (\d+)/.test(output)) await new Promise((resolve) => setTimeout(resolve, 20));
  return {
    port: Number(/port (\d+)/.exec(output)![1]),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      return Number(/accepted (\d+)/.exec(output)?.[1] ?? -1);
    },
    kill: () => child.kill('SIGKILL'),
  };
}

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
