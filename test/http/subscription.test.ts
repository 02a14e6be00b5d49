import { afterEach, describe, expect, it } from 'vitest';
import { readSettings } from '../../src/config/settings.js';
import { findSubscriberByEmail } from '../../src/db/subscribers.repo.js';
import { createHttpApp, startHttpServer, type RunningHttpServer } from '../../src/http/server.js';
import { createSmtpTransport } from '../../src/mail/smtp-transport.js';
import { createTestDb, dbKinds, type TestDb } from '../support/db.js';
import { startSmtpSink, type SmtpSink } from '../mail/support/smtp-sink.js';
import { createDigestConfig, createStory, digestSettings } from '../digest/support/fixtures.js';
import { runSend } from '../digest/support/run.js';
import { createPageClient, readMailLink, readUnsubscribeHeader } from './support/subscription-client.js';

const config = createDigestConfig();
const stories = [createStory(1, ['chinh-tri'], 3), createStory(2, ['kinh-te'], 2)];

describe.each(dbKinds)('subscription pages on %s', (kind) => {
  let testDb: TestDb | undefined;
  let sink: SmtpSink;
  let servers: RunningHttpServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
    await sink.close();
    await testDb?.dispose();
    testDb = undefined;
  });

  async function start(now?: () => Date): Promise<string> {
    testDb ??= await createTestDb(kind);
    const db = testDb;
    const settings = readSettings({}, { smtpUrl: sink.url, publicUrl: digestSettings.publicUrl, secret: digestSettings.secret });
    const server = await startHttpServer(createHttpApp({ db: db.db, config, settings, now }), 0, '127.0.0.1');
    servers.push(server);
    return `http://127.0.0.1:${server.port}`;
  }

  async function subscribe(base: string, email: string, topics: string[], locale = 'vi') {
    const client = createPageClient(base);
    expect((await client.get('/subscribe')).status).toBe(200);
    return client.post('/subscribe', { csrf: client.csrf(), email, topics, locale });
  }

  it('takes a reader from the form through the confirmation link to a delivered digest, and out by one-click', async () => {
    sink = await startSmtpSink();
    testDb = await createTestDb(kind);
    const base = await start();
    const answer = await subscribe(base, 'Ban.Doc@Example.com', ['kinh-te', 'chinh-tri'], 'en');
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('Hãy kiểm tra hộp thư');
    await sink.waitForCount(1);
    const confirmMail = sink.messages[0]!;
    expect(confirmMail.to).toEqual(['ban.doc@example.com']);
    expect(confirmMail.headers.get('subject')).toContain('Confirm your bantin subscription');
    expect((await findSubscriberByEmail(testDb!.db, 'ban.doc@example.com'))?.status).toBe('pending');

    const confirmUrl = readMailLink(confirmMail, '/confirm?token=', base).replace(base, '');
    const client = createPageClient(base);
    const prompt = await client.get(confirmUrl);
    expect(prompt.status).toBe(200);
    expect((await findSubscriberByEmail(testDb!.db, 'ban.doc@example.com'))?.status).toBe('pending');
    const token = /name="token" value="([^"]+)"/.exec(prompt.body)![1]!;
    const confirmed = await client.post('/confirm', { token });
    expect(confirmed.body).toContain('Confirmed');
    expect((await findSubscriberByEmail(testDb!.db, 'ban.doc@example.com'))?.status).toBe('confirmed');
    const replay = await client.post('/confirm', { token });
    expect(replay.status).toBe(200);
    expect(replay.body).toContain('Already confirmed');

    const transport = createSmtpTransport({ url: sink.url, maxConnections: 1 });
    await runSend(testDb!.db, config, transport, stories);
    await transport.close();
    await sink.waitForCount(2);
    const digest = sink.messages[1]!;
    expect(digest.headers.get('subject')).toContain('weekly digest 2026-W48');
    const oneClick = await fetch(readUnsubscribeHeader(digest, base), {
      method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(200);
    expect((await findSubscriberByEmail(testDb!.db, 'ban.doc@example.com'))?.status).toBe('unsubscribed');

    // Coming back needs a new confirmation (one notice per address per 10 minutes, hence the later clock).
    const later = await start(() => new Date(Date.now() + 11 * 60_000));
    await subscribe(later, 'ban.doc@example.com', ['kinh-te']);
    await sink.waitForCount(3);
    expect(sink.messages[2]!.text).toContain('/confirm?token=');
    expect((await findSubscriberByEmail(testDb!.db, 'ban.doc@example.com'))?.status).toBe('pending');
  });

  it('answers the same for a known and an unknown address, and tells only the mailbox', async () => {
    sink = await startSmtpSink();
    const base = await start();
    await subscribe(base, 'known@example.com', ['kinh-te']);
    await sink.waitForCount(1);
    const confirmUrl = readMailLink(sink.messages[0]!, '/confirm?token=', base);
    const client = createPageClient(base);
    await client.post(new URL(confirmUrl).pathname, { token: new URL(confirmUrl).searchParams.get('token')! });

    // One notice per address per 10 minutes: ask again "later" so that the known address gets one.
    const later = await start(() => new Date(Date.now() + 11 * 60_000));
    const known = await subscribe(later, 'known@example.com', ['the-thao']);
    const unknown = await subscribe(later, 'stranger@example.com', ['the-thao']);
    expect(known.status).toBe(unknown.status);
    expect(known.body.replace(/name="csrf" value="[^"]+"/, '')).toBe(unknown.body.replace(/name="csrf" value="[^"]+"/, ''));
    await sink.waitForCount(3);
    const notice = sink.messages.find((m) => m.to[0] === 'known@example.com' && m.text.includes('/preferences?token='));
    expect(notice).toBeDefined();
    // The stranger's attempt did not change the known subscriber's topics.
    expect((await findSubscriberByEmail(testDb!.db, 'known@example.com'))?.topics).toEqual(['kinh-te']);
  });

  it('refuses hostile input with a clear page and stores nothing', async () => {
    sink = await startSmtpSink();
    const base = await start();
    const cases: [Record<string, string | string[]>, RegExp][] = [
      [{ email: 'victim@example.com\r\nBcc: all@example.com', topics: ['kinh-te'], locale: 'vi' }, /ký tự không hợp lệ/],
      [{ email: 'not-an-address', topics: ['kinh-te'], locale: 'vi' }, /không hợp lệ/],
      [{ email: 'a@example.com', topics: ['khong-co'], locale: 'vi' }, /chủ đề không tồn tại/],
      [{ email: 'a@example.com', topics: [], locale: 'vi' }, /ít nhất một chủ đề/],
      [{ email: 'a@example.com', topics: ['kinh-te'], locale: 'fr' }, /Ngôn ngữ không được hỗ trợ/],
    ];
    const client = createPageClient(base);
    for (const [form, message] of cases) {
      await client.get('/subscribe');
      const response = await client.post('/subscribe', { csrf: client.csrf(), ...form });
      expect(response.status).toBe(400);
      expect(response.body).toMatch(message);
      expect(response.body).not.toMatch(/at .*\.ts:\d+/);
    }
    const rows = await testDb!.db.selectFrom('subscribers').select('email').execute();
    expect(rows).toEqual([]);
  });

  it('rejects forms without a valid CSRF token and limits each client', async () => {
    sink = await startSmtpSink();
    const base = await start();
    const client = createPageClient(base);
    await client.get('/subscribe');
    const forged = await client.post('/subscribe', { csrf: 'forged', email: 'a@example.com', topics: ['kinh-te'], locale: 'vi' });
    expect(forged.status).toBe(403);
    const noCookie = await client.post('/subscribe', { csrf: client.csrf(), email: 'a@example.com', topics: ['kinh-te'], locale: 'vi' }, { cookies: false });
    expect(noCookie.status).toBe(403);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await client.post('/subscribe', { csrf: client.csrf(), email: `r${i}@example.com`, topics: ['kinh-te'], locale: 'en' })).status);
    // Five requests per burst per client address; the two forged ones above counted too.
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(await testDb!.db.selectFrom('subscribers').select('email').execute()).toHaveLength(3);
  });

  it('gives clear pages for wrong, foreign and expired tokens, and manages preferences', async () => {
    sink = await startSmtpSink();
    const base = await start();
    for (const email of ['one@example.com', 'two@example.com']) await subscribe(base, email, ['kinh-te'], 'en');
    await sink.waitForCount(2);
    const client = createPageClient(base);
    expect((await client.get('/confirm?token=nonsense')).status).toBe(400);
    expect((await client.get(`/confirm?token=${'A'.repeat(43)}`)).body).toContain('Đường dẫn không hợp lệ');
    expect((await client.get('/preferences?token=m1.1.x')).status).toBe(400);
    expect((await client.get('/unsubscribe')).status).toBe(400);

    const later = await start(() => new Date(Date.now() + 8 * 86_400_000));
    const oneMail = sink.messages.find((m) => m.to[0] === 'one@example.com')!;
    const expired = await createPageClient(later).get(readMailLink(oneMail, '/confirm?token=', later).replace(later, ''));
    expect(expired.status).toBe(410);
    expect(expired.body).toContain('Đường dẫn đã hết hạn');

    const twoMail = sink.messages.find((m) => m.to[0] === 'two@example.com')!;
    const token = new URL(readMailLink(twoMail, '/confirm?token=', base)).searchParams.get('token')!;
    const done = await client.post('/confirm', { token });
    const preferencesPath = /href="https:\/\/bantin\.test(\/preferences\?token=[^"]+)"/.exec(done.body)![1]!.replaceAll('&amp;', '&');
    const manageToken = new URL(preferencesPath, base).searchParams.get('token')!;
    const two = await findSubscriberByEmail(testDb!.db, 'two@example.com');
    const foreign = manageToken.replace(`m1.${two!.id}.`, `m1.${two!.id - 1}.`);
    expect((await client.get(`/preferences?token=${foreign}`)).status).toBe(400);
    expect((await client.post(`/unsubscribe?token=${foreign}`, {})).status).toBe(400);

    const page = await client.get(preferencesPath);
    expect(page.status).toBe(200);
    const saved = await client.post('/preferences', { csrf: client.csrf(), token: manageToken, topics: ['chinh-tri', 'the-thao'], locale: 'vi' });
    expect(saved.body).toContain('Đã lưu tùy chọn');
    expect(await findSubscriberByEmail(testDb!.db, 'two@example.com')).toMatchObject({ topics: ['chinh-tri', 'the-thao'], locale: 'vi' });
    const emptied = await client.post('/preferences', { csrf: client.csrf(), token: manageToken, locale: 'vi' });
    expect(emptied.status).toBe(400);
    expect(emptied.body).toContain('Hãy giữ lại ít nhất một chủ đề');
    const noCsrf = await client.post('/preferences', { csrf: 'x', token: manageToken, topics: ['kinh-te'], locale: 'vi' });
    expect(noCsrf.status).toBe(403);
    expect((await findSubscriberByEmail(testDb!.db, 'two@example.com'))?.topics).toEqual(['chinh-tri', 'the-thao']);
  });
});
