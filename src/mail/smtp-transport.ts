// SMTP_URL: a pooled nodemailer transport. Timeouts are short enough that a send always ends well within the
// delivery lease, which is what makes an expired `sending` row mean "the sender died".
import nodemailer from 'nodemailer';
import { readBareAddress } from './headers.js';
import { buildRawMessage } from './raw-message.js';
import type { MailTransport, OutgoingMessage, SendResult } from './types.js';

export interface SmtpTransportOptions {
  url: string;
  /** Open connections (the sender's concurrency). */
  maxConnections: number;
  timeoutMs?: number;
}

/** Creates the pooled SMTP transport. */
export function createSmtpTransport(options: SmtpTransportOptions): MailTransport {
  const timeout = options.timeoutMs ?? 60_000;
  const transporter = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections,
    maxMessages: 1000,
    connectionTimeout: Math.min(timeout, 30_000),
    greetingTimeout: Math.min(timeout, 30_000),
    socketTimeout: timeout,
  } as never);
  return {
    kind: 'smtp',
    async send(message: OutgoingMessage): Promise<SendResult> {
      const raw = await buildRawMessage(message);
      const envelope = { from: readBareAddress(message.from) ?? message.from, to: [message.to] };
      const info = (await transporter.sendMail({ envelope, raw } as never)) as { response?: string };
      return { response: (info.response ?? '').replace(/\s+/g, ' ').slice(0, 300) };
    },
    async close() {
      transporter.close();
    },
  };
}
