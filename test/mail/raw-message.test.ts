import { describe, expect, it } from 'vitest';
import { buildDirectMessage, buildRawMessage, encodeWords } from '../../src/mail/raw-message.js';
import type { OutgoingMessage } from '../../src/mail/types.js';
import { parseMail } from './support/smtp-sink.js';

const digest: OutgoingMessage = {
  from: 'Bản tin <digest@bantin.test>',
  to: 'reader1@example.com',
  subject: 'Bản tin tuần 2026-W48: Quốc hội thảo luận về dự án luật sửa đổi, và những điều cần biết',
  html: `<p>Xin chào</p>\n<p>${'Thời sự '.repeat(40)}</p>\n.<p>dòng bắt đầu bằng dấu chấm</p>`,
  text: 'Xin chào\n.dòng bắt đầu bằng dấu chấm',
  messageId: '<bantin.2026-W48.1.abc@bantin.test>',
  headers: {
    'List-Unsubscribe': `<https://bantin.test/unsubscribe?token=m1.1.${'a'.repeat(60)}>, <mailto:digest@bantin.test?subject=unsubscribe%20m1.1.${'a'.repeat(60)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': 'bantin weekly digest <digest.bantin.test>',
  },
};

describe('buildRawMessage', () => {
  it('writes the digest directly with the same headers and parts as MailComposer', async () => {
    const direct = buildDirectMessage(digest);
    expect(direct).not.toBeNull();
    const composed = await buildRawMessage({ ...digest, to: 'Reader <reader1@example.com>' }); // not direct: MailComposer
    expect(composed.toString('latin1')).not.toContain('--_bantin_');
    const a = parseMail(direct!.toString('latin1'), []);
    const b = parseMail(composed.toString('latin1'), []);
    for (const name of ['from', 'subject', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post', 'list-id', 'mime-version']) {
      expect(a.headers.get(name), name).toBe(b.headers.get(name));
    }
    expect(a.headers.get('to')).toBe('reader1@example.com');
    expect(a.text).toBe(digest.text);
    expect(a.html).toBe(digest.html);
  });

  it('keeps every line short, CRLF-terminated and ASCII', () => {
    const raw = buildDirectMessage(digest)!.toString('latin1');
    expect(/[^\x00-\x7f]/.test(raw)).toBe(false);
    expect(raw.replace(/\r\n/g, '').includes('\n')).toBe(false);
    const lines = raw.split('\r\n');
    const long = lines.filter((line) => line.length > 78 && !line.includes('https://') && !line.includes('mailto:'));
    expect(long).toEqual([]);
  });

  it('cannot be made to carry an extra header through the subject or the sender name', () => {
    const raw = buildDirectMessage({ ...digest, subject: 'Hi\r\nBcc: victim@example.com', from: 'Evil\r\nBcc: x@example.com <digest@bantin.test>' })!.toString('latin1');
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(head).not.toMatch(/^Bcc:/im);
    expect(parseMail(raw, []).headers.get('subject')).toBe('Hi\r\nBcc: victim@example.com');
  });

  it('leaves unusual messages to MailComposer', () => {
    expect(buildDirectMessage({ ...digest, messageId: undefined })).toBeNull();
    expect(buildDirectMessage({ ...digest, to: 'người@example.com' })).toBeNull();
    expect(buildDirectMessage({ ...digest, headers: { 'X-Note': 'ghi chú' } })).toBeNull();
  });
});

describe('encodeWords', () => {
  it('leaves ASCII alone and splits UTF-8 into words of at most 64 characters without cutting a character', () => {
    expect(encodeWords('Weekly digest')).toBe('Weekly digest');
    const words = encodeWords('Ữ'.repeat(50)).split(' ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) {
      expect(word.length).toBeLessThanOrEqual(64);
      expect(Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(word)![1]!, 'base64').toString('utf8')).toMatch(/^Ữ+$/);
    }
  });
});
