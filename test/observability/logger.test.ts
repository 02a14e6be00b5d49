import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, createSourceLogger } from '../../src/observability/logger.js';

function captureLines(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON object per line, with the source key on every source line', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger('debug', stream);
    const sourceLog = createSourceLogger(logger, 'vnexpress-thoi-su');
    sourceLog.info({ newItems: 3 }, 'poll done');
    sourceLog.child({ url: 'http://x.test' }).warn('fetch: 503 for http://x.test');
    logger.debug('tick');
    const [first, second, third] = lines();
    expect(first).toMatchObject({ level: 'info', source: 'vnexpress-thoi-su', newItems: 3, msg: 'poll done', service: 'bantin' });
    expect(typeof first?.time).toBe('string');
    expect(second).toMatchObject({ level: 'warn', source: 'vnexpress-thoi-su', url: 'http://x.test' });
    expect(third).not.toHaveProperty('source');
  });

  it('filters below the level and falls back to info for an unknown level', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger('verbose', stream);
    logger.debug('hidden');
    logger.info('shown');
    expect(lines().map((l) => l.msg)).toEqual(['shown']);
  });
});
