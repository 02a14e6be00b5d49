import type { Response } from 'undici';
import { BantinError } from '../errors.js';

function createTooLargeError(url: string, maxBytes: number, seen: number, declared: boolean): BantinError {
  const what = declared ? `declared ${seen} bytes` : `passed ${seen} bytes`;
  return new BantinError('fetch', 'too-large', `body over the ${maxBytes}-byte limit (${what}) for ${url}`, {
    context: { url, maxBytes, bytes: seen, declared },
  });
}

/**
 * Reads the (already decompressed) body, aborting the exchange the moment it passes
 * `maxBytes` so a huge or endless response costs no more than the limit.
 */
export async function readBodyWithLimit(response: Response, url: string, maxBytes: number, abort: () => void): Promise<Uint8Array> {
  const declared = Number.parseInt(response.headers.get('content-length') ?? '', 10);
  if (Number.isFinite(declared) && declared > maxBytes) {
    abort();
    throw createTooLargeError(url, maxBytes, declared, true);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      abort();
      await reader.cancel().catch(() => undefined);
      throw createTooLargeError(url, maxBytes, total, false);
    }
    chunks.push(value);
  }
  return concatChunks(chunks, total);
}

function concatChunks(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Throws away a body we will not read (redirects, errors) without waiting for it. */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
