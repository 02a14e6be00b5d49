import { describe, expect, it } from 'vitest';
import { bandProbability, buildShingles, computeBands, computeJaccard, computeMinHash, SIGNATURE_SIZE } from '../../src/text/signature.js';
import { tokenizeSyllables } from '../../src/text/fold.js';

const text = 'Liên Bộ Công Thương Tài chính điều chỉnh giá bán lẻ xăng dầu từ 15h ngày 26/11 xăng RON95 giảm 420 đồng';

describe('MinHash signatures', () => {
  it('are deterministic and identical for identical shingle sets in any order', () => {
    const shingles = buildShingles(tokenizeSyllables(text));
    expect(computeMinHash(shingles)).toEqual(computeMinHash([...shingles].reverse()));
    expect(computeMinHash(shingles)).toHaveLength(SIGNATURE_SIZE);
  });

  it('estimate Jaccard similarity within a few points', () => {
    const a = Array.from({ length: 200 }, (_, i) => `s${i}`);
    const b = Array.from({ length: 200 }, (_, i) => `s${i + 100}`);
    const sigA = computeMinHash(a);
    const sigB = computeMinHash(b);
    const estimate = sigA.filter((v, i) => v === sigB[i]).length / SIGNATURE_SIZE;
    expect(computeJaccard(a, b)).toBeCloseTo(1 / 3, 5);
    expect(Math.abs(estimate - 1 / 3)).toBeLessThan(0.2);
  });

  it('give near-duplicates shared bands and unrelated texts none', () => {
    const a = computeBands(computeMinHash(buildShingles(tokenizeSyllables(text), 1)));
    const b = computeBands(computeMinHash(buildShingles(tokenizeSyllables(`${text} theo thông báo`), 1)));
    const c = computeBands(computeMinHash(buildShingles(tokenizeSyllables('Đội tuyển Việt Nam thắng Thái Lan ở vòng loại'), 1)));
    const shared = (x: typeof a, y: typeof a) => x.filter((band, i) => band.hash === y[i]?.hash).length;
    expect(shared(a, b)).toBeGreaterThan(5);
    expect(shared(a, c)).toBe(0);
  });

  it('band so that rewrites above ~0.2 Jaccard are mostly candidates and unrelated texts rarely', () => {
    expect(bandProbability(0.35)).toBeGreaterThan(0.99);
    expect(bandProbability(0.2)).toBeGreaterThan(0.85);
    expect(bandProbability(0.05)).toBeLessThan(0.12);
  });
});
