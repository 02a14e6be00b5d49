import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDigestMessageId } from '../../src/mail/headers.js';
import { buildOutboxFileName, createOutboxTransport } from '../../src/mail/outbox-transport.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { createDigestConfig, createStory, digestSettings } from '../digest/support/fixtures.js';
import { runSend, seedSubscribers } from '../digest/support/run.js';
import { parseMail } from './support/smtp-sink.js';

const stories = [createStory(1, ['kinh-te'], 2)];

describe.each(dbKinds)('the outbox transport on %s', (kind) => {
  let dir: string;
  let testDb: TestDb | undefined;
  afterEach(async () => {
    await testDb?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one .eml per subscriber with the same headers as SMTP', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bantin-outbox-'));
    testDb = await createTestDb(kind);
    await seedSubscribers(testDb.db, 3, [['kinh-te']]);
    const outbox = path.join(dir, 'outbox');
    const { summary } = await runSend(testDb.db, createDigestConfig(), createOutboxTransport(outbox), stories);
    expect(summary.sent).toBe(3);
    const files = (await readdir(outbox)).sort();
    expect(files).toHaveLength(3);
    expect(files.every((f) => /^bantin\.2026-W48\.\d+\.[\w-]+\.eml$/.test(f))).toBe(true);
    const mail = parseMail(await readFile(path.join(outbox, files[0]!), 'utf8'), []);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers.get('to')).toMatch(/reader\d@example\.com/);
    expect(mail.text).toContain('/unsubscribe?token=m1.');
  });

  it.skipIf(!existsSync('/dev/full'))('leaves rows pending with the error when the disk is full, and sends them once there is room', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bantin-outbox-'));
    testDb = await createTestDb(kind);
    const [first] = await seedSubscribers(testDb.db, 2, [['kinh-te']]);
    const outbox = path.join(dir, 'outbox');
    await mkdir(outbox);
    // /dev/full answers every write with ENOSPC: the first message's temporary file points at it.
    const messageId = buildDigestMessageId(digestSettings.secret, 'bantin.test', '2026-W48', first!.id);
    await symlink('/dev/full', path.join(outbox, `${buildOutboxFileName(messageId)}.part`));
    const full = await runSend(testDb.db, createDigestConfig({ concurrency: 1 }), createOutboxTransport(outbox), stories, { maxUnavailable: 1 });
    expect(full.summary.sent).toBe(0);
    expect(full.summary.aborted).toMatch(/^mail: .*ENOSPC|no space left/i);
    const rows = await testDb.db.selectFrom('deliveries').select(['status', 'last_error']).orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(rows[0]!.last_error).toMatch(/ENOSPC|no space left/i);
    expect(await readdir(outbox)).toEqual([]);

    const later = await runSend(testDb.db, createDigestConfig(), createOutboxTransport(outbox), stories, { backoffMs: 0 });
    expect(later.summary.sent).toBe(2);
    expect(await readdir(outbox)).toHaveLength(2);
  });
});
