// Per-message headers of the digest: RFC 2369 List-Unsubscribe, RFC 8058 one-click, RFC 2919 List-Id, and a
// Message-ID derived from (edition, subscriber) so a resent message is recognisably the same one.
import { signValue } from '../subscribers/tokens.js';

/** The host part used in Message-IDs and List-Id: PUBLIC_URL's host name. */
export function readMailHost(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

/** `<bantin.2026-W48.42.<mac>@host>`: the same for the same edition and subscriber, unguessable for others. */
export function buildDigestMessageId(secret: string, host: string, week: string, subscriberId: number): string {
  const mac = signValue(secret, 'message-id', `${week}:${subscriberId}`).slice(0, 16);
  return `<bantin.${week}.${subscriberId}.${mac}@${host}>`;
}

/** List-Unsubscribe (https + mailto), List-Unsubscribe-Post and List-Id. */
export function buildListHeaders(input: { unsubscribeUrl: string; mailto: string | null; host: string; token: string }): Record<string, string> {
  const targets = [`<${input.unsubscribeUrl}>`];
  if (input.mailto) targets.push(`<mailto:${input.mailto}?subject=unsubscribe%20${encodeURIComponent(input.token)}>`);
  return {
    'List-Unsubscribe': targets.join(', '),
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `bantin weekly digest <digest.${input.host}>`,
  };
}

/** The bare address inside `Name <addr@host>` (or the input when it is bare). */
export function readBareAddress(from: string): string | null {
  const match = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from) ?? /^\s*([^<>\s]+@[^<>\s]+)\s*$/.exec(from);
  return match ? match[1]! : null;
}
