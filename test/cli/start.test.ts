// `bantin start` as an admin runs it on embedded defaults: it migrates, serves, polls on schedule, and stops
// cleanly on SIGTERM, leaving a data folder the next start opens.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http-server.js';

const FEED = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title><link>https://tin.example/</link>
<item><title>Thủ tướng chủ trì hội nghị trực tuyến với các địa phương</title><link>https://tin.example/a</link><guid>a</guid>
<pubDate>Fri, 20 Nov 2026 08:00:00 +0700</pubDate><description>Sáng 20/11, Thủ tướng chủ trì hội nghị.</description></item>
</channel></rss>`;

interface Running {
  child: ChildProcess;
  lines: string[];
  port: number;
}

function startBantin(configFile: string, dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, ['bin/bantin.js', 'start', '--config', configFile, '--port', '0'], {
    env: { ...process.env, DATABASE_URL: '', BANTIN_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const serving = lines.map((line) => /"port":(\d+).*serving on/.exec(line)).find(Boolean);
      if (serving) {
        clearInterval(timer);
        resolve({ child, lines, port: Number(serving[1]) });
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`bantin start exited with ${code}:\n${lines.join('\n')}`));
    });
  });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function stop(running: Running): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.once('exit', (code) => resolve(code));
    running.child.kill('SIGTERM');
  });
}

describe('bantin start', { timeout: 240_000 }, () => {
  let feedServer: TestServer;
  let dir: string;
  let configFile: string;

  beforeAll(async () => {
    feedServer = await startTestServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(FEED));
    dir = await mkdtemp(path.join(tmpdir(), 'bantin-start-'));
    configFile = path.join(dir, 'bantin.yaml');
    await writeFile(configFile, `sources:\n  - { key: tin, name: "Tin", url: "${feedServer.url}/rss" }\n`);
  });
  afterAll(async () => {
    await feedServer?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('polls at start, serves the merged feed, stops on SIGTERM with exit 0, and starts again on the same data', async () => {
    const first = await startBantin(configFile, path.join(dir, 'data'));
    const base = `http://127.0.0.1:${first.port}`;
    const feed = await waitFor(async () => {
      const body = (await (await fetch(`${base}/feeds/all.json`)).json()) as { items: { title: string }[] };
      return body.items.length > 0 ? body : undefined;
    }, 'the first poll');
    expect(feed.items.map((item) => item.title)).toEqual(['Thủ tướng chủ trì hội nghị trực tuyến với các địa phương']);
    expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok');
    // Every log line is JSON, and lines about a source carry its key.
    const logs = first.lines.map((line) => JSON.parse(line) as { msg: string; source?: string });
    expect(logs.find((entry) => entry.msg === 'polled')?.source).toBe('tin');
    expect(await stop(first)).toBe(0);
    expect(first.lines.some((line) => line.includes('"msg":"stopped"'))).toBe(true);

    // PGlite was closed cleanly: the same folder opens again and keeps the item.
    const second = await startBantin(configFile, path.join(dir, 'data'));
    const again = (await (await fetch(`http://127.0.0.1:${second.port}/feeds/sources/tin.json`)).json()) as { items: unknown[] };
    expect(again.items).toHaveLength(1);
    expect(await stop(second)).toBe(0);
  });
});
