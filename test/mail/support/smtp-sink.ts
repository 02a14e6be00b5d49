// A real SMTP server (smtp-server) on 127.0.0.1 that records what it accepts, with hooks to refuse or hold mail.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  raw: string;
  headers: Map<string, string>;
  text: string;
  html: string;
}

export interface SinkHooks {
  /** Return an SMTP reply code (e.g. 451, 550) to refuse this recipient, or null to accept. */
  onRcpt?(address: string, attempt: number): number | null;
  /** Return 'hold' to never answer the DATA command (the client waits); called before the mail is recorded. */
  onData?(mail: CapturedMail, index: number): 'accept' | 'hold';
}

export interface SmtpSink {
  port: number;
  url: string;
  messages: CapturedMail[];
  /** Resolves once `count` messages were accepted. */
  waitForCount(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts the sink on a free port. */
export async function startSmtpSink(hooks: SinkHooks = {}): Promise<SmtpSink> {
  const messages: CapturedMail[] = [];
  const attempts = new Map<string, number>();
  let dataCount = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    // Pooled clients keep idle connections open; do not wait 30 s for them on close.
    closeTimeout: 100,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error | null) => void) {
      const attempt = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, attempt);
      const code = hooks.onRcpt?.(address.address, attempt) ?? null;
      if (code === null) return callback();
      callback(Object.assign(new Error(code >= 500 ? 'no such user' : 'try again later'), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail = parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address));
        dataCount += 1;
        if (hooks.onData?.(mail, dataCount) === 'hold') return;
        messages.push(mail);
        callback(null, `queued as m${messages.length}`);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitForCount: (count, timeoutMs = 20_000) => waitUntil(() => messages.length >= count, timeoutMs, `${count} messages (have ${messages.length})`),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls until the predicate holds. */
export async function waitUntil(predicate: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A minimal MIME reader: top-level headers, and the decoded text/plain and text/html parts. */
export function parseMail(raw: string, to: string[]): CapturedMail {
  const { headers, body } = splitHeaders(raw);
  const parts = { text: '', html: '' };
  collectParts(headers, body, parts);
  return { to, raw, headers, text: parts.text, html: parts.html };
}

function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end < 0 ? raw : raw.slice(0, end);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body: end < 0 ? '' : raw.slice(end + 4) };
}

function collectParts(headers: Map<string, string>, body: string, out: { text: string; html: string }): void {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = splitHeaders(chunk.replace(/^\r\n/, ''));
      collectParts(part.headers, part.body, out);
    }
    return;
  }
  const decoded = decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit');
  if (type.toLowerCase().startsWith('text/html')) out.html = decoded;
  else if (type.toLowerCase().startsWith('text/plain')) out.text = decoded;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, mode: string, text: string) =>
      mode.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
    );
}

function decodeBody(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}
