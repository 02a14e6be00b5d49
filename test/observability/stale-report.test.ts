import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpTransport } from '../../src/mail/smtp-transport.js';
import { listSourceHealth } from '../../src/db/source-health.repo.js';
import { buildStaleReport, runStaleReportJob } from '../../src/observability/stale-report.js';
import { runOncePerPeriod } from '../../src/scheduler/job-lease.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { HEALTH_NOW, seedHealthFixture } from '../support/health-fixture.js';
import { parseMail } from '../mail/support/smtp-sink.js';

interface Received {
  to: string[];
  data: string;
}

async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.each(dbKinds)('stale sources report on %s', (kind) => {
  let testDb: TestDb | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
  afterEach(async () => {
    await smtp?.close();
    await testDb?.dispose();
  });

  it('lists only the stale sources, in the chosen language', async () => {
    testDb = await createTestDb(kind);
    await seedHealthFixture(testDb.db);
    const health = await listSourceHealth(testDb.db, HEALTH_NOW);
    const vi = buildStaleReport(health, 'vi', { now: HEALTH_NOW, statusUrl: 'https://bantin.test/status?lang=vi' });
    expect(vi?.staleKeys).toEqual(['quiet']);
    expect(vi?.subject).toBe('bantin: 1 nguồn không có tin mới');
    expect(vi?.text).toContain('- Source quiet (quiet): tin mới gần nhất 10 ngày trước, ngưỡng 9 ngày');
    const en = buildStaleReport(health, 'en', { now: HEALTH_NOW, statusUrl: 'https://bantin.test/status?a=1&lang=en' });
    expect(en?.subject).toBe('bantin: 1 stale source');
    expect(en?.html).toContain('href="https://bantin.test/status?a=1&amp;lang=en"');
    expect(buildStaleReport(health.filter((h) => !h.stale), 'en', { now: HEALTH_NOW, statusUrl: 'x' })).toBeNull();
  });

  it('emails the admin once a day across instances, and nothing without ADMIN_EMAIL', async () => {
    testDb = await createTestDb(kind);
    await seedHealthFixture(testDb.db);
    smtp = await startSmtp();
    const transport = createSmtpTransport({ url: smtp.url, maxConnections: 1, timeoutMs: 10_000 });
    const deps = {
      db: testDb.db,
      adminEmail: 'admin@bantin.test',
      fromAddress: 'bantin <bantin@bantin.test>',
      publicUrl: 'https://bantin.test',
      locale: 'en' as const,
      now: HEALTH_NOW,
      send: (message: Parameters<typeof transport.send>[0]) => transport.send(message),
    };
    try {
      const runs = await Promise.all(
        ['a', 'b'].map((instance) => runOncePerPeriod(testDb!.db, 'stale-report', '2026-11-29', instance, () => runStaleReportJob(deps))),
      );
      expect(runs.filter((r) => r.ran)).toEqual([{ ran: true, value: { sent: true, stale: 1 } }]);
      expect(await runStaleReportJob({ ...deps, adminEmail: null })).toEqual({ sent: false, stale: 0 });
    } finally {
      await transport.close();
    }
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(['admin@bantin.test']);
    expect(smtp.received[0]?.data).toMatch(/^Subject: bantin: 1 stale source\r?$/m);
    expect(smtp.received[0]?.data).toContain('<bantin.stale-report.2026-11-29@bantin.test>');
    // Text parts are base64 (Vietnamese is mostly non-ASCII): read the decoded plain-text part.
    expect(parseMail(smtp.received[0]!.data, ['admin@bantin.test']).text).toContain('https://bantin.test/status?lang=en');
  });
});
