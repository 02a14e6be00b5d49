// Headless Chromium (Debian's, through playwright-core) walks the pages as a reader would, with no JavaScript
// needed by the pages themselves: subscribe, confirm from the captured email, change preferences, unsubscribe.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../src/config/settings.js';
import { findSubscriberByEmail } from '../../src/db/subscribers.repo.js';
import { createHttpApp } from '../../src/http/server.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { startSmtpSink, type SmtpSink } from '../mail/support/smtp-sink.js';
import { createDigestConfig } from '../digest/support/fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.resolve('test-results/browser');
const shouldSkip = !existsSync(CHROMIUM) && process.env.CI !== 'true';

describe.skipIf(shouldSkip)('the subscription pages in headless Chromium', () => {
  let browser: BrowserContext;
  let testDb: TestDb;
  let sink: SmtpSink;
  let server: Server;
  let base: string;
  let profile: string;

  beforeAll(async () => {
    testDb = await createTestDb('pglite');
    sink = await startSmtpSink();
    let app: Hono | undefined;
    server = createAdaptorServer({ fetch: (request: Request, env: unknown) => app!.fetch(request, env) }) as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const settings = readSettings({}, { smtpUrl: sink.url, publicUrl: base, secret: 'browser-test-secret' });
    app = createHttpApp({ db: testDb.db, config: createDigestConfig(), settings });
    profile = await mkdtemp(path.join(tmpdir(), 'bantin-chromium-'));
    await mkdir(SHOTS, { recursive: true });
    // A fresh profile directory per run (playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      javaScriptEnabled: false,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await sink?.close();
    await testDb?.dispose();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('subscribes, confirms, changes preferences and unsubscribes', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(base)) external.push(request.url());
    });

    await page.goto(`${base}/subscribe?lang=en`);
    await page.fill('input[name=email]', 'Reader@Example.com');
    await page.check('input[name=topics][value=kinh-te]');
    await page.check('input[name=topics][value=the-thao]');
    await page.check('input[name=locale][value=en]');
    await page.screenshot({ path: path.join(SHOTS, '1-subscribe.png'), fullPage: true });
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('h1')).toBe('Check your inbox');

    await sink.waitForCount(1);
    const confirmUrl = /(http:\/\/127\.0\.0\.1:\d+\/confirm\?token=[\w-]+)/.exec(sink.messages[0]!.text)![1]!;
    await page.goto(confirmUrl);
    await page.screenshot({ path: path.join(SHOTS, '2-confirm.png'), fullPage: true });
    await page.click('button[type=submit]');
    expect(await page.textContent('h1')).toBe('Confirmed');
    expect((await findSubscriberByEmail(testDb.db, 'reader@example.com'))?.status).toBe('confirmed');

    await page.click('a[href*="/preferences?token="]');
    expect(await page.textContent('h1')).toBe('Digest preferences');
    await page.uncheck('input[name=topics][value=the-thao]');
    await page.check('input[name=topics][value=chinh-tri]');
    await page.check('input[name=locale][value=vi]');
    await page.click('button[type=submit]');
    expect(await page.textContent('.notice')).toContain('Đã lưu tùy chọn');
    await page.screenshot({ path: path.join(SHOTS, '3-preferences.png'), fullPage: true });
    expect(await findSubscriberByEmail(testDb.db, 'reader@example.com')).toMatchObject({ topics: ['chinh-tri', 'kinh-te'], locale: 'vi' });

    await page.click('a[href*="/unsubscribe?token="]');
    await page.screenshot({ path: path.join(SHOTS, '4-unsubscribe.png'), fullPage: true });
    await page.click('button[type=submit]');
    expect(await page.textContent('h1')).toBe('Đã hủy đăng ký');
    await page.screenshot({ path: path.join(SHOTS, '5-unsubscribed.png'), fullPage: true });
    expect((await findSubscriberByEmail(testDb.db, 'reader@example.com'))?.status).toBe('unsubscribed');
    expect(external).toEqual([]);
  }, 120_000);
});
