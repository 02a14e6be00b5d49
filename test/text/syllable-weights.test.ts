import { describe, expect, it } from 'vitest';
import { FREQUENCY_TEXTS, SYLLABLE_FREQUENCY } from '../../src/text/syllable-frequency.data.js';
import { measureWeightedOverlap, weighSyllable, weighSyllables } from '../../src/text/syllable-weights.js';

describe('weighSyllable', () => {
  it('weighs common news syllables light and rare ones heavy', () => {
    // "tai" (tại) and "nam" (năm) open every other report; a syllable no text of the table has (xyzzy) weighs most.
    expect(weighSyllable('tai')).toBeLessThan(1.5);
    expect(weighSyllable('nam')).toBeLessThan(weighSyllable('xyzzy'));
    expect(weighSyllable('xyzzy')).toBeCloseTo(Math.log((FREQUENCY_TEXTS + 1) / 2), 10);
  });

  it('is ln((N+1)/(df+1)) of the table, and never negative', () => {
    for (const [token, frequency] of Object.entries(SYLLABLE_FREQUENCY).filter(([t]) => !/^20\d\d$/.test(t)).slice(0, 50)) {
      expect(weighSyllable(token)).toBeCloseTo(Math.log((FREQUENCY_TEXTS + 1) / (frequency + 1)), 10);
      expect(weighSyllable(token)).toBeGreaterThan(0);
    }
  });

  it('weighs every year as the year the table saw most, so a year after the table is not taken for a rare name', () => {
    const years = Object.entries(SYLLABLE_FREQUENCY).filter(([t]) => /^(19|20)\d\d$/.test(t));
    const mostSeen = Math.max(...years.map(([, f]) => f));
    expect(years.length).toBeGreaterThan(1);
    for (const year of [...years.map(([t]) => t), '2031', '2099', '1975']) {
      expect(weighSyllable(year)).toBeCloseTo(Math.log((FREQUENCY_TEXTS + 1) / (mostSeen + 1)), 10);
    }
    expect(weighSyllable('2099')).toBeLessThan(weighSyllable('xyzzy'));
    // Other numbers are weighed by the table like any syllable: an exact figure is rare.
    expect(weighSyllable('5680000')).toBe(weighSyllable('xyzzy'));
  });

  it('does not read inherited object keys as syllables', () => {
    expect(weighSyllable('constructor')).toBe(weighSyllable('xyzzy'));
    expect(weighSyllable('__proto__')).toBe(weighSyllable('xyzzy'));
  });
});

describe('weighSyllables', () => {
  it('keeps each syllable once, sorted, with the sum of their weights', () => {
    const weighted = weighSyllables(['nam', 'xyzzy', 'nam', 'tai']);
    expect(weighted.sorted).toEqual(['nam', 'tai', 'xyzzy']);
    expect(weighted.weight).toBeCloseTo(weighSyllable('nam') + weighSyllable('tai') + weighSyllable('xyzzy'), 10);
  });
});

describe('measureWeightedOverlap', () => {
  const set = (text: string) => weighSyllables(text.split(' '));

  it('counts a shared rare name above shared common words', () => {
    const base = set('thu tuong hoi nghi xyzzy');
    const sharesName = measureWeightedOverlap(base, set('xyzzy vo si'));
    const sharesCommon = measureWeightedOverlap(base, set('thu tuong chi dao'));
    // Both share part of the text: the name is one syllable, the common words two.
    expect(sharesName.jaccard).toBeGreaterThan(sharesCommon.jaccard);
  });

  it('is 1 for equal sets, 0 for disjoint or empty ones, and symmetric', () => {
    const a = set('gia vang tang');
    expect(measureWeightedOverlap(a, a)).toEqual({ jaccard: 1, overlap: 1 });
    expect(measureWeightedOverlap(a, set('bong da'))).toEqual({ jaccard: 0, overlap: 0 });
    expect(measureWeightedOverlap(weighSyllables([]), weighSyllables([]))).toEqual({ jaccard: 0, overlap: 0 });
    const b = set('gia vang giam manh');
    expect(measureWeightedOverlap(a, b)).toEqual(measureWeightedOverlap(b, a));
    expect(measureWeightedOverlap(a, b).overlap).toBeGreaterThan(measureWeightedOverlap(a, b).jaccard);
  });
});
