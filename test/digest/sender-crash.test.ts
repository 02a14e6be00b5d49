// A sender killed mid-edition (SIGKILL while the SMTP server holds a message) and resumed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/create-db.js';
import { INTERRUPTED_ERROR, requeueFailedDeliveries } from '../../src/db/deliveries.repo.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { createSmtpTransport } from '../../src/mail/smtp-transport.js';
import { createTestDb, dbKinds } from '../support/db.js';
import { startSmtpSink, waitUntil, type SmtpSink } from '../mail/support/smtp-sink.js';
import { crashTestStories } from './support/crash-stories.js';
import { createDigestConfig } from './support/fixtures.js';
import { runSend, seedSubscribers } from './support/run.js';

const SUBSCRIBERS = 12;
const HELD = 4;
const LEASE_MS = 1_500;

describe.each(dbKinds)('a sender killed mid-edition on %s', (kind) => {
  let child: ChildProcess | undefined;
  let sink: SmtpSink | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await sink?.close();
    await cleanup?.();
  });

  it('resumes: everyone gets exactly one message, and the one in doubt is never resent on its own', async () => {
    const target = await prepareDatabase(kind);
    cleanup = target.cleanup;
    let held = false;
    sink = await startSmtpSink({ onData: (_mail, index) => (index === HELD ? ((held = true), 'hold') : 'accept') });
    let handle = target.open();
    await migrateToLatest(handle.db);
    await seedSubscribers(handle.db, SUBSCRIBERS, [['chinh-tri'], ['kinh-te']]);
    await handle.close();

    child = spawn(process.execPath, ['--import', 'tsx', 'test/digest/support/sender-child.ts'], {
      env: { ...process.env, BANTIN_TEST_SENDER: JSON.stringify({ databaseUrl: target.url, dataDir: target.dataDir, smtpUrl: sink.url, leaseMs: LEASE_MS }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    await waitUntil(() => held, 60_000, 'the held message');
    child.kill('SIGKILL');
    await exited;
    expect(sink.messages).toHaveLength(HELD - 1);

    // Leases are wall-clock: wait until the dead sender's claims have run out.
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
    handle = target.open();
    const transport = createSmtpTransport({ url: sink.url, maxConnections: 2 });
    const config = createDigestConfig();
    const resumed = await runSend(handle.db, config, transport, crashTestStories, { workerId: 'resumer' });
    expect(resumed.summary).toMatchObject({ sent: SUBSCRIBERS - HELD, interrupted: 1, failed: 0 });
    const doubtful = await handle.db.selectFrom('deliveries').select(['subscriber_id', 'status', 'last_error']).where('status', '=', 'failed').execute();
    expect(doubtful).toHaveLength(1);
    expect(doubtful[0]!.last_error).toBe(INTERRUPTED_ERROR);
    expect(countPerRecipient(sink).size).toBe(SUBSCRIBERS - 1);

    // The admin knows the server never answered for that one (it was held): `digest retry` resends it.
    await requeueFailedDeliveries(handle.db, resumed.content.edition.id, new Date());
    const retried = await runSend(handle.db, config, transport, crashTestStories, { workerId: 'resumer' });
    expect(retried.summary.sent).toBe(1);
    await transport.close();
    await handle.close();
    const counts = countPerRecipient(sink);
    expect(counts.size).toBe(SUBSCRIBERS);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  }, 180_000);
});

function countPerRecipient(sink: SmtpSink): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of sink.messages) counts.set(m.to[0]!, (counts.get(m.to[0]!) ?? 0) + 1);
  return counts;
}

async function prepareDatabase(kind: 'pglite' | 'pg'): Promise<{ url: string | null; dataDir: string; open(): DbHandle; cleanup(): Promise<void> }> {
  if (kind === 'pg') {
    const testDb = await createTestDb('pg', { migrate: false });
    await testDb.close();
    return { url: testDb.url, dataDir: 'unused', open: () => createDb({ databaseUrl: testDb.url, dataDir: 'unused' }), cleanup: () => testDb.dispose().catch(() => undefined) };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bantin-crash-'));
  return { url: null, dataDir, open: () => createDb({ databaseUrl: null, dataDir }), cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}
