import { afterEach, describe, expect, it } from 'vitest';
import { countDeliveriesByStatus } from '../../src/db/deliveries.repo.js';
import { unsubscribeSubscriber } from '../../src/db/subscribers.repo.js';
import { createSmtpTransport } from '../../src/mail/smtp-transport.js';
import type { MailTransport } from '../../src/mail/types.js';
import { buildDigestMessageId } from '../../src/mail/headers.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { startSmtpSink, type SmtpSink } from '../mail/support/smtp-sink.js';
import { createDigestConfig, createStory, digestSettings } from './support/fixtures.js';
import { runSend, seedSubscribers } from './support/run.js';

const config = createDigestConfig({ maxAttempts: 3 });
const stories = [createStory(1, ['chinh-tri'], 3, { government: true }), createStory(2, ['kinh-te'], 2), createStory(3, ['chinh-tri', 'kinh-te'], 1)];

describe.each(dbKinds)('sending an edition on %s', (kind) => {
  let testDb: TestDb | undefined;
  let sink: SmtpSink | undefined;
  const transports: MailTransport[] = [];
  const smtp = (url: string) => {
    const transport = createSmtpTransport({ url, maxConnections: 4, timeoutMs: 5_000 });
    transports.push(transport);
    return transport;
  };
  afterEach(async () => {
    await Promise.all(transports.splice(0).map((t) => t.close()));
    await sink?.close();
    await testDb?.dispose();
  });

  it('sends one message per subscriber with stories, with the list headers, and nothing on a re-run', async () => {
    testDb = await createTestDb(kind);
    sink = await startSmtpSink();
    const subscribers = await seedSubscribers(testDb.db, 3, [['chinh-tri'], ['kinh-te', 'chinh-tri'], ['the-thao']], ['vi', 'en']);
    const first = await runSend(testDb.db, config, smtp(sink.url), stories);
    expect(first.enqueued).toBe(2);
    expect(first.summary).toMatchObject({ sent: 2, failed: 0 });
    expect(first.compileCount).toBe(2);
    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(['reader0@example.com', 'reader1@example.com']);
    const mail = sink.messages.find((m) => m.to[0] === 'reader1@example.com')!;
    expect(mail.headers.get('message-id')).toBe(buildDigestMessageId(digestSettings.secret, 'bantin.test', '2026-W48', subscribers[1]!.id));
    expect(mail.headers.get('list-unsubscribe')).toMatch(/^<https:\/\/bantin\.test\/unsubscribe\?token=m1\.\d+\.[\w-]+>, <mailto:digest@bantin\.test\?subject=unsubscribe%20m1\.\d+\.[\w-]+>$/);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers.get('list-id')).toBe('bantin weekly digest <digest.bantin.test>');
    expect(mail.text).toContain('Economy');
    expect(mail.html).toContain('Politics &amp; government');

    // The edition is frozen: new stories do not change it, and nobody gets a second message.
    const again = await runSend(testDb.db, config, smtp(sink.url), [...stories, createStory(9, ['the-thao'], 5)]);
    expect(again.enqueued).toBe(0);
    expect(again.summary.sent).toBe(0);
    expect(again.content.stories.map((s) => s.storyId)).toEqual(first.content.stories.map((s) => s.storyId));
    expect(sink.messages).toHaveLength(2);
  });

  it('retries a transient refusal and fails a permanent one', async () => {
    testDb = await createTestDb(kind);
    sink = await startSmtpSink({
      onRcpt: (address, attempt) => (address === 'reader1@example.com' && attempt === 1 ? 451 : address === 'reader2@example.com' ? 550 : null),
    });
    await seedSubscribers(testDb.db, 3, [['kinh-te']]);
    const { summary, content } = await runSend(testDb.db, config, smtp(sink.url), stories);
    expect(summary).toMatchObject({ sent: 2, failed: 1, retried: 1 });
    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(['reader0@example.com', 'reader1@example.com']);
    const rows = await testDb.db.selectFrom('deliveries').innerJoin('subscribers', 'subscribers.id', 'deliveries.subscriber_id')
      .select(['email', 'deliveries.status', 'attempts', 'last_error', 'smtp_response']).orderBy('email').execute();
    expect(rows.map((r) => [r.email, r.status, r.attempts])).toEqual([
      ['reader0@example.com', 'sent', 1], ['reader1@example.com', 'sent', 2], ['reader2@example.com', 'failed', 1],
    ]);
    expect(rows[2]!.last_error).toMatch(/^mail: 550 no such user/);
    expect(rows[0]!.smtp_response).toMatch(/queued as m\d/);
    expect(await countDeliveriesByStatus(testDb.db, content.edition.id)).toMatchObject({ sent: 2, failed: 1, pending: 0, sending: 0 });
  });

  it('keeps every row pending with its error while the SMTP server is down, then sends on the next run', async () => {
    testDb = await createTestDb(kind);
    await seedSubscribers(testDb.db, 5, [['chinh-tri']]);
    sink = await startSmtpSink();
    const deadUrl = sink.url;
    await sink.close();
    const down = await runSend(testDb.db, config, smtp(deadUrl), stories);
    expect(down.summary.sent).toBe(0);
    expect(down.summary.aborted).toMatch(/^mail: .*ECONNREFUSED/);
    const rows = await testDb.db.selectFrom('deliveries').select(['status', 'last_error', 'locked_by']).execute();
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.status === 'pending' && r.locked_by === null)).toBe(true);
    expect(rows.filter((r) => r.last_error).length).toBeGreaterThan(0);

    sink = await startSmtpSink();
    const up = await runSend(testDb.db, config, smtp(sink.url), stories);
    expect(up.summary.sent).toBe(5);
    expect(new Set(sink.messages.map((m) => m.to[0])).size).toBe(5);
  });

  it('splits the work between two senders running at once: exactly one message each', async () => {
    testDb = await createTestDb(kind);
    const second = kind === 'pg' ? await createTestDbHandle(testDb) : testDb;
    sink = await startSmtpSink();
    await seedSubscribers(testDb.db, 40, [['chinh-tri'], ['kinh-te'], ['chinh-tri', 'kinh-te']]);
    const [a, b] = await Promise.all([
      runSend(testDb.db, config, smtp(sink.url), stories, { workerId: 'sender-a', batchSize: 5 }),
      runSend(second.db, config, smtp(sink.url), stories, { workerId: 'sender-b', batchSize: 5 }),
    ]);
    if (second !== testDb) await second.close();
    expect(a.summary.sent + b.summary.sent).toBe(40);
    const perRecipient = new Map<string, number>();
    for (const m of sink.messages) perRecipient.set(m.to[0]!, (perRecipient.get(m.to[0]!) ?? 0) + 1);
    expect(perRecipient.size).toBe(40);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
  });

  it('sends nothing for an edition with no stories, and skips a subscriber who left after the rows were written', async () => {
    testDb = await createTestDb(kind);
    sink = await startSmtpSink();
    const [leaving] = await seedSubscribers(testDb.db, 2, [['chinh-tri']]);
    const empty = await runSend(testDb.db, createDigestConfig(), smtp(sink.url), []);
    expect(empty.enqueued).toBe(0);
    expect(empty.content.stories).toEqual([]);
    expect(sink.messages).toHaveLength(0);

    const config49 = createDigestConfig();
    await testDb.db.deleteFrom('editions').execute();
    const { enqueueDeliveries } = await import('../../src/digest/enqueue-deliveries.js');
    const { ensureEdition } = await import('../../src/digest/build-edition.js');
    const { resolveWeek } = await import('../../src/digest/week.js');
    const content = await ensureEdition({ db: testDb.db, config: config49, loadCandidates: async () => stories, now: () => new Date() }, resolveWeek('2026-W48', config49.timezone));
    await enqueueDeliveries(testDb.db, content, { topics: config49.topics, secret: digestSettings.secret, publicUrl: digestSettings.publicUrl, now: new Date() });
    await unsubscribeSubscriber(testDb.db, leaving!.id, new Date());
    const run = await runSend(testDb.db, config49, smtp(sink.url), stories);
    expect(run.summary).toMatchObject({ sent: 1, skipped: 1 });
    expect(sink.messages.map((m) => m.to[0])).toEqual(['reader1@example.com']);
  });
});

async function createTestDbHandle(testDb: TestDb) {
  const { createDb } = await import('../../src/db/create-db.js');
  return createDb({ databaseUrl: testDb.url, dataDir: 'unused' });
}
