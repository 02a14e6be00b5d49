import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSettings } from '../../src/config/settings.js';
import { runDigestCommand } from '../../src/cli/digest.js';
import { runSubscribersCommand } from '../../src/cli/subscribers.js';
import { findSubscriberByEmail } from '../../src/db/subscribers.repo.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { createDigestConfig } from './support/fixtures.js';

describe.each(dbKinds)('bantin digest and bantin subscribers on %s', (kind) => {
  let testDb: TestDb | undefined;
  let dir: string;
  afterEach(async () => {
    await testDb?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('adds, lists and removes subscribers, and sends, reports and previews an edition through the outbox', async () => {
    testDb = await createTestDb(kind);
    dir = await mkdtemp(path.join(tmpdir(), 'bantin-cli-'));
    const lines: string[] = [];
    const deps = { db: testDb.db, config: createDigestConfig(), settings: readSettings({}, { dataDir: dir, smtpUrl: null, publicUrl: 'https://bantin.test' }), write: (l: string) => lines.push(l) };

    expect(await runSubscribersCommand(['add', 'A@Example.com', '--topics', 'kinh-te,chinh-tri', '--confirmed'], deps)).toBe(0);
    expect(await runSubscribersCommand(['add', 'b@example.com', '--topics', 'the-thao', '--locale', 'en'], deps)).toBe(0);
    expect(lines.at(-1)).toBe('b@example.com: pending; confirmation email sent');
    expect((await readdir(path.join(dir, 'outbox'))).filter((f) => f.startsWith('notice-'))).toHaveLength(1);
    expect(await runSubscribersCommand(['add', 'bad@@example.com', '--topics', 'kinh-te'], deps)).toBe(2);
    expect(await runSubscribersCommand(['add', 'c@example.com', '--topics', 'khong-co'], deps)).toBe(2);
    expect(lines.at(-1)).toBe('subscribers: unknown topic (see `topics` in the config)');
    expect(await runSubscribersCommand(['list'], deps)).toBe(0);
    expect(lines.some((l) => /^\d+\ta@example\.com\tconfirmed\tvi\tchinh-tri,kinh-te$/.test(l))).toBe(true);

    // No stories tables filled: the edition is empty, nobody gets mail, and that is not an error.
    expect(await runDigestCommand(['send', '--week', '2026-W48'], deps)).toBe(0);
    expect(lines.at(-2)).toBe('digest 2026-W48: 0 stories, 0 new deliveries, 0 MJML compiles');
    expect(await runDigestCommand(['status', '--week', '2026-W48'], deps)).toBe(0);
    expect(lines.at(-1)).toBe('pending 0, sending 0, sent 0, failed 0, skipped 0');
    expect(await runDigestCommand(['status', '--week', '2026-W47'], deps)).toBe(0);
    expect(lines.at(-1)).toBe('digest 2026-W47: not built yet');
    expect(await runDigestCommand(['send', '--week', '2026-W60'], deps).catch((e: Error) => e.message)).toMatch(/^digest: expected an ISO week/);

    const out = path.join(dir, 'preview.html');
    expect(await runDigestCommand(['preview', '--topic', 'kinh-te', '--locale', 'en', '--week', '2026-W49', '--out', out], deps)).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('Weekly digest 2026-W49');
    expect(await runDigestCommand(['preview', '--topic', 'nope', '--out', out], deps)).toBe(2);
    expect(await runDigestCommand(['bogus'], deps)).toBe(2);

    expect(await runSubscribersCommand(['remove', 'a@example.com'], deps)).toBe(0);
    expect((await findSubscriberByEmail(testDb.db, 'a@example.com'))?.status).toBe('unsubscribed');
    expect(await runSubscribersCommand(['remove', 'b@example.com', '--purge'], deps)).toBe(0);
    expect(await findSubscriberByEmail(testDb.db, 'b@example.com')).toBeNull();
    expect(await runSubscribersCommand(['remove', 'nobody@example.com'], deps)).toBe(1);
  });
});
