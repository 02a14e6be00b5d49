// The `bantin` command as a user runs it: a child process, a config file, a local feed server, a data folder.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http-server.js';

const run = promisify(execFile);
const BIN = path.resolve('bin/bantin.js');

const FEED = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title><link>https://tin.example/</link>
<item><title>Quốc hội thông qua Luật Đất đai</title><link>https://tin.example/1</link><guid>1</guid><pubDate>Fri, 20 Nov 2026 08:00:00 +0700</pubDate></item>
<item><title>Giá vàng hôm nay</title><link>https://tin.example/2</link><guid>2</guid><pubDate>Fri, 20 Nov 2026 09:00:00 +0700</pubDate></item>
</channel></rss>`;

async function bantin(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('bantin poll and check', { timeout: 180_000 }, () => {
  let server: TestServer;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      if (req.url === '/rss') res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(FEED);
      else res.writeHead(404).end('no');
    });
    dir = await mkdtemp(path.join(tmpdir(), 'bantin-cli-'));
    await writeFile(
      path.join(dir, 'bantin.yaml'),
      `sources:\n  - { key: tin, name: "Tin", url: "${server.url}/rss" }\n  - { key: mat, name: "Mất", url: "${server.url}/gone" }\n`,
    );
    await writeFile(path.join(dir, 'bad.yaml'), `sources:\n  - key: tin\n    name: Tin\n    url: "not a url"\n`);
    // DATABASE_URL is cleared so the child uses its own PGlite folder whatever the test run's environment says.
    env = { BANTIN_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' };
  });

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('polls once, prints a line per source and a total, and exits 0 even when a source fails', async () => {
    const first = await bantin(['poll', '--once', '--config', path.join(dir, 'bantin.yaml')], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('ok    tin: 2 new, 0 updated, 0 unchanged');
    expect(first.stdout).toMatch(/error mat: fetch: 404 Not Found for http:\/\/127\.0\.0\.1:\d+\/gone \[http-status\]/);
    expect(first.stdout).toContain('total: 2 sources polled, 1 ok, 1 failed; 2 new items, 0 updated');

    // Nothing is due any more; a named source is polled anyway and stores nothing twice.
    const again = await bantin(['poll', '--once', '--source', 'tin', '--config', path.join(dir, 'bantin.yaml')], env);
    expect(again.stdout).toContain('ok    tin: 0 new, 0 updated, 2 unchanged');
  });

  it('rejects an unknown source key with usage exit code 2', async () => {
    const result = await bantin(['poll', '--once', '--source', 'nope', '--config', path.join(dir, 'bantin.yaml')], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('poll: unknown source "nope"');
  });

  it('check reports a bad config with file, line and key, and exit 1', async () => {
    const result = await bantin(['check', '--config', path.join(dir, 'bad.yaml')], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`${path.join(dir, 'bad.yaml')}:4 sources[0].url: expected an http(s) URL`);
  });

  it('check --fetch shows what each source would produce and stores nothing', async () => {
    const result = await bantin(['check', '--fetch', '--config', path.join(dir, 'bantin.yaml')], { ...env, BANTIN_DATA_DIR: path.join(dir, 'unused') });
    expect(result.stdout).toContain('ok    tin: 2 items (2 dated)');
    expect(result.stdout).toContain('Quốc hội thông qua Luật Đất đai');
    expect(result.stdout).toContain('error mat: fetch: 404');
    expect(result.code).toBe(1);
    await expect(import('node:fs/promises').then((fs) => fs.access(path.join(dir, 'unused')))).rejects.toThrow();
  });
});
