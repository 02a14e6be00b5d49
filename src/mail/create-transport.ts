// SMTP when SMTP_URL is set, the outbox folder otherwise.
import path from 'node:path';
import { createOutboxTransport } from './outbox-transport.js';
import { createSmtpTransport } from './smtp-transport.js';
import type { MailTransport } from './types.js';

/** The transport the settings ask for. */
export function createMailTransport(settings: { smtpUrl: string | null; dataDir: string }, options: { maxConnections?: number } = {}): MailTransport {
  if (settings.smtpUrl) return createSmtpTransport({ url: settings.smtpUrl, maxConnections: options.maxConnections ?? 4 });
  return createOutboxTransport(path.join(settings.dataDir, 'outbox'));
}
