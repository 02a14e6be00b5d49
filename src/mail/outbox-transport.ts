// SMTP_URL unset: each message becomes `bantin.<week>.<subscriber>.<mac>.eml` in $BANTIN_DATA_DIR/outbox/. Written to a
// `.part` file first and renamed, so a full disk never leaves a half message that looks delivered.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildRawMessage } from './raw-message.js';
import type { MailTransport, OutgoingMessage, SendResult } from './types.js';

/** Creates the outbox transport writing into `dir` (created on first use). */
export function createOutboxTransport(dir: string): MailTransport {
  let ready: Promise<unknown> | null = null;
  return {
    kind: 'outbox',
    async send(message: OutgoingMessage): Promise<SendResult> {
      ready ??= mkdir(dir, { recursive: true }).catch((error: unknown) => {
        ready = null;
        throw error;
      });
      await ready;
      const raw = await buildRawMessage(message);
      const name = buildOutboxFileName(message.messageId);
      await writeAtomically(path.join(dir, name), raw);
      return { response: `outbox ${name}` };
    },
    async close() {},
  };
}

/** The file name for a Message-ID: its local part made filesystem-safe, plus `.eml` (random when there is none). */
export function buildOutboxFileName(messageId: string | undefined): string {
  if (!messageId) return `notice-${Date.now()}-${randomBytes(6).toString('hex')}.eml`;
  const local = messageId.replace(/^<|>$/g, '').split('@')[0] ?? 'message';
  return `${local.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;
}

async function writeAtomically(file: string, data: Buffer): Promise<void> {
  const part = `${file}.part`;
  try {
    await writeFile(part, data);
    await rename(part, file);
  } catch (error) {
    await unlink(part).catch(() => undefined);
    throw error;
  }
}
