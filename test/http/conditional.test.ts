import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeEtag, isNotModified, matchesAnyEtag, parseHttpDate } from '../../src/http/conditional.js';

const etag = computeEtag('body');
const lastModified = new Date('2026-11-29T05:00:00.750Z');
const validators = { etag, lastModified };
const none = { ifNoneMatch: null, ifModifiedSince: null };

describe('computeEtag', () => {
  it('is a quoted prefix of the base64url sha256 of the UTF-8 bytes', () => {
    const digest = createHash('sha256').update(Buffer.from('Hà Nội', 'utf8')).digest('base64url');
    expect(computeEtag('Hà Nội')).toBe(`"${digest.slice(0, 27)}"`);
    expect(computeEtag(Buffer.from('Hà Nội', 'utf8'))).toBe(computeEtag('Hà Nội'));
    expect(computeEtag('Ha Noi')).not.toBe(computeEtag('Hà Nội'));
  });
});

describe('matchesAnyEtag', () => {
  it.each([
    [etag, true],
    [`W/${etag}`, true],
    [`"other", ${etag}`, true],
    [`"other",W/${etag} , "x"`, true],
    ['*', true],
    ['"other"', false],
    [etag.slice(0, -2) + '"', false],
    ['', false],
  ])('%s → %s', (header, expected) => {
    expect(matchesAnyEtag(header, etag)).toBe(expected);
  });
});

describe('isNotModified', () => {
  it('is false without conditional headers', () => {
    expect(isNotModified(none, validators)).toBe(false);
  });

  it('lets If-None-Match win over If-Modified-Since either way', () => {
    const future = 'Mon, 30 Nov 2026 00:00:00 GMT';
    expect(isNotModified({ ifNoneMatch: '"stale"', ifModifiedSince: future }, validators)).toBe(false);
    expect(isNotModified({ ifNoneMatch: etag, ifModifiedSince: 'Sun, 01 Jan 2000 00:00:00 GMT' }, validators)).toBe(true);
  });

  it('compares If-Modified-Since at whole seconds', () => {
    const at = (value: string) => isNotModified({ ifNoneMatch: null, ifModifiedSince: value }, validators);
    expect(at('Sun, 29 Nov 2026 05:00:00 GMT')).toBe(true);
    expect(at('Sun, 29 Nov 2026 05:00:01 GMT')).toBe(true);
    expect(at('Sun, 29 Nov 2026 04:59:59 GMT')).toBe(false);
    expect(at('not a date')).toBe(false);
  });

  it('never answers 304 on a date when there is no Last-Modified', () => {
    expect(isNotModified({ ifNoneMatch: null, ifModifiedSince: 'Sun, 29 Nov 2026 05:00:00 GMT' }, { etag, lastModified: null })).toBe(false);
  });
});

describe('parseHttpDate', () => {
  it('reads IMF-fixdate and the obsolete RFC 850 form', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toEqual(new Date('1994-11-06T08:49:37Z'));
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).toEqual(new Date('1994-11-06T08:49:37Z'));
    expect(parseHttpDate('garbage')).toBeNull();
  });
});
