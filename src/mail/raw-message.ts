// Builds the complete RFC 5322 message in memory. Handing nodemailer one Buffer (`raw`) instead of a MIME tree
// saves hundreds of small socket writes per message. The digest's shape (ASCII addresses and headers, a text and
// an HTML part) is written directly, which costs a fraction of nodemailer's stream-based composer; anything else
// (no Message-ID, non-ASCII recipients or headers) goes through MailComposer.
import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { readBareAddress } from './headers.js';
import type { OutgoingMessage } from './types.js';

const SAFE_HEADER_VALUE = /^[\x20-\x7e]*$/;
const ATOM_PHRASE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*$/;
const BOUNDARY_PREFIX = randomBytes(8).toString('hex');
let boundaryCount = 0;
const BARE_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+$/;

/** The message as bytes, with Date, MIME-Version and (when given) our Message-ID. */
export function buildRawMessage(message: OutgoingMessage): Promise<Buffer> {
  const direct = buildDirectMessage(message);
  return direct ? Promise.resolve(direct) : buildComposedMessage(message);
}

/** The digest's shape written directly; null when the message needs MailComposer's general handling. */
export function buildDirectMessage(message: OutgoingMessage, date = new Date()): Buffer | null {
  const from = encodeMailbox(message.from);
  if (!from || !message.messageId || !BARE_ADDRESS.test(message.to) || !SAFE_HEADER_VALUE.test(message.messageId)) return null;
  const extra = Object.entries(message.headers);
  if (!extra.every(([name, value]) => /^[A-Za-z0-9-]+$/.test(name) && SAFE_HEADER_VALUE.test(value))) return null;
  // Base64 lines never contain `_`, so a boundary only has to differ from its neighbours, not be unguessable.
  const boundary = `--_bantin_${BOUNDARY_PREFIX}_${(boundaryCount += 1)}`;
  const head = [
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    foldHeader('From', from),
    `To: ${message.to}`,
    foldHeader('Subject', encodeWords(message.subject)),
    `Message-ID: ${message.messageId}`,
    `Date: ${date.toUTCString().replace(/GMT$/, '+0000')}`,
    'MIME-Version: 1.0',
    ...extra.map(([name, value]) => foldHeader(name, value)),
  ];
  const parts = [encodePart('text/plain', message.text), encodePart('text/html', message.html)];
  const body = `${head.join('\r\n')}\r\n\r\n--${boundary}\r\n${parts.join(`\r\n--${boundary}\r\n`)}\r\n--${boundary}--\r\n`;
  return Buffer.from(body, 'latin1');
}

function encodePart(type: string, content: string): string {
  const base64 = Buffer.from(content, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let start = 0; start < base64.length; start += 76) lines.push(base64.slice(start, start + 76));
  return `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${lines.join('\r\n')}`;
}

// `Name <addr>` with the name as an atom phrase or RFC 2047 encoded words; null when the address is unusual.
function encodeMailbox(from: string): string | null {
  const address = readBareAddress(from);
  if (!address || !BARE_ADDRESS.test(address)) return null;
  const name = from.slice(0, from.lastIndexOf('<')).trim().replace(/^"(.*)"$/, '$1');
  if (!from.includes('<') || name === '') return address;
  return `${ATOM_PHRASE.test(name) ? name : encodeWords(name)} <${address}>`;
}

/** RFC 2047 `=?UTF-8?B?…?=` words of at most 64 characters (so `Subject: ` and one word fit in 78), never splitting a character; ASCII stays as it is. */
export function encodeWords(text: string): string {
  if (SAFE_HEADER_VALUE.test(text) && !text.includes('=?')) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(' ');
}

// Folds at spaces so lines stay near 78 characters (a single long token, such as a URL, stays whole).
function foldHeader(name: string, value: string): string {
  const lines: string[] = [];
  let line = `${name}:`;
  for (const token of value.split(' ')) {
    if (line.length + 1 + token.length > 78 && line.length > name.length + 1) {
      lines.push(line);
      line = '';
    }
    line += ` ${token}`;
  }
  lines.push(line);
  return lines.join('\r\n');
}

function buildComposedMessage(message: OutgoingMessage): Promise<Buffer> {
  const composer = new MailComposer({
    from: message.from,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    headers: message.headers,
    // Vietnamese text is mostly non-ASCII: base64 is smaller than quoted-printable and encoded natively (fast).
    textEncoding: 'base64',
    ...(message.messageId ? { messageId: message.messageId } : {}),
  } as never);
  return new Promise((resolve, reject) => {
    composer.compile().build((error: Error | null, raw: Buffer) => (error ? reject(error) : resolve(raw)));
  });
}
