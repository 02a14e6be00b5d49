import { describe, expect, it } from 'vitest';
import { toComparable } from '../../src/stories/compare.js';
import { buildFingerprint } from '../../src/stories/fingerprint.js';
import { gatherPairEvidence, PAIR_FEATURES, PAIR_MODEL, scorePairEvidence, type PairEvidence, type PairModel } from '../../src/stories/pair-score.js';

const prepare = (title: string, summary: string) => toComparable(buildFingerprint({ title, summary, url: null }));

const original = prepare(
  'Dừng hoàn toàn công nghệ 2G từ ngày 15/10/2026',
  'Bộ Khoa học và Công nghệ yêu cầu các nhà mạng dừng hoàn toàn công nghệ 2G từ ngày 15/10/2026, thuê bao chỉ dùng 2G cần đổi máy.',
);

describe('gatherPairEvidence', () => {
  it('measures overlap, dates, figures, names and time', () => {
    const rewrite = prepare('Sóng 2G sẽ bị tắt hẳn từ giữa tháng 10', 'Từ ngày 15/10/2026, Viettel, VinaPhone và MobiFone tắt sóng 2G theo yêu cầu của Bộ Khoa học và Công nghệ.');
    const evidence = gatherPairEvidence(original, rewrite, 3);
    expect(evidence.sharedDates).toBe(1);
    expect(evidence.dateConflict).toBe(0);
    expect(evidence.logHoursApart).toBeCloseTo(Math.log(4), 10);
    expect(evidence.jaccard).toBeGreaterThan(0.1);
    expect(evidence.jaccard).toBeLessThan(evidence.overlap);
    expect(evidence.weightedJaccard).toBeGreaterThan(0);
    expect(evidence.weightedJaccard).toBeLessThan(evidence.weightedOverlap);
    expect(Math.expm1(evidence.logSharedSyllables)).toBeCloseTo(Math.round(Math.expm1(evidence.logSharedSyllables)), 10);
    expect(Math.expm1(evidence.logSharedSyllables)).toBeGreaterThanOrEqual(3);
    // "Sóng" opens the title, so no names; the original's title names nobody either.
    expect(evidence.namesMissingMax).toBe(0);
  });

  it('sees dates on both sides with none in common as a conflict, and is symmetric', () => {
    const other = prepare('Dừng hoàn toàn công nghệ 3G từ ngày 15/9/2028', 'Các nhà mạng dừng công nghệ 3G từ ngày 15/9/2028 theo lộ trình của Bộ Khoa học và Công nghệ.');
    const forward = gatherPairEvidence(original, other, 5);
    expect(forward.dateConflict).toBe(1);
    expect(forward.sharedDates).toBe(0);
    expect(gatherPairEvidence(other, original, -5)).toEqual(forward);
  });

  it('counts the share of figures in disagreement only when both give two or more', () => {
    const a = prepare('Xuất khẩu 9 tháng đạt 370,5 tỷ USD', 'Kim ngạch xuất khẩu 9 tháng đạt 370,5 tỷ USD, tăng 14,2%, xuất siêu 18,6 tỷ USD.');
    const b = prepare('Xuất khẩu 9 tháng vượt 370 tỷ USD', 'Xuất khẩu 9 tháng ước 370,5 tỷ USD, tăng 14,2% so với cùng kỳ.');
    const c = prepare('Xuất khẩu 8 tháng đạt 320,1 tỷ USD', 'Kim ngạch xuất khẩu 8 tháng đạt 320,1 tỷ USD, tăng 12,8%.');
    expect(gatherPairEvidence(a, b, 1).numberDisagreement).toBeLessThan(0.5);
    expect(gatherPairEvidence(a, c, 1).numberDisagreement).toBe(1);
    expect(gatherPairEvidence(a, prepare('Xuất khẩu tăng mạnh', 'Kim ngạch xuất khẩu tăng.'), 1).numberDisagreement).toBe(0);
  });
});

describe('gatherPairEvidence: what a rewrite keeps', () => {
  // Two releases of one morning share the boilerplate; a rewrite of one of them keeps its subject and figures.
  const wage = prepare(
    'Tăng lương tối thiểu vùng 7% từ ngày 1/7/2028',
    'Chính phủ ban hành Nghị định quy định mức lương tối thiểu, từ ngày 1/7/2028 tăng bình quân 7%, vùng I là 5.680.000 đồng/tháng.',
  );
  const wageRewrite = prepare(
    'Lương tối thiểu vùng I lên 5,68 triệu đồng',
    'Từ 1/7/2028, lương tối thiểu vùng I là 5.680.000 đồng/tháng, tăng 7% theo nghị định Chính phủ vừa ban hành.',
  );
  const pension = prepare(
    'Hạ tuổi hưởng trợ cấp hưu trí xã hội xuống 70 từ ngày 1/7/2028',
    'Chính phủ ban hành Nghị định hạ tuổi hưởng trợ cấp hưu trí xã hội từ 75 xuống 70 tuổi, áp dụng từ ngày 1/7/2028.',
  );

  it('finds the title subject, rare syllables and exact figures in the rewrite, not in the other release', () => {
    const rewrite = gatherPairEvidence(wage, wageRewrite, 1);
    const other = gatherPairEvidence(wage, pension, 1);
    expect(rewrite.titleWeightedOverlap).toBeGreaterThan(other.titleWeightedOverlap);
    expect(Math.expm1(rewrite.logSharedFigures)).toBeCloseTo(1, 10); // 5680000; "7" and "1/7" are left out
    expect(other.logSharedFigures).toBe(0);
    expect(scorePairEvidence(rewrite)).toBeGreaterThan(scorePairEvidence(other));
  });
});

describe('gatherPairEvidence: title coverage', () => {
  // Two banks' results of one morning share the boilerplate of a results release, not the bank the title names.
  const mb = prepare('MB báo lãi quý III tăng 18%', 'Ngân hàng TMCP Quân đội (MB) ghi nhận lợi nhuận trước thuế quý III đạt 8.140 tỷ đồng, tăng 18% so với cùng kỳ.');
  const mbRewrite = prepare('Lợi nhuận quý III của MB đạt 8.140 tỷ đồng', 'MB vừa công bố lãi trước thuế quý III tăng 18% so với cùng kỳ, nợ xấu giảm.');
  const techcombank = prepare(
    'Techcombank lãi trước thuế 28.450 tỷ đồng sau 9 tháng',
    'Techcombank vừa công bố lợi nhuận trước thuế quý III đạt 9.870 tỷ đồng; lũy kế 9 tháng đạt 28.450 tỷ đồng, tăng 21%.',
  );

  it('is the share of each title found anywhere in the other text, the smaller first', () => {
    const whole = prepare('Giá xăng giảm', 'Liên Bộ Công Thương - Tài chính điều chỉnh giá bán lẻ xăng dầu chiều nay.');
    const mention = prepare('Điều chỉnh giá bán lẻ xăng dầu, dầu diesel tăng nhẹ', 'Giá xăng giảm mạnh trong kỳ điều chỉnh chiều nay của liên Bộ Công Thương - Tài chính.');
    const evidence = gatherPairEvidence(whole, mention, 1);
    expect(evidence.titleCoverageMax).toBe(1);
    // "diesel" and "tăng nhẹ" are not in the other text.
    expect(evidence.titleCoverageMin).toBeGreaterThan(0.3);
    expect(evidence.titleCoverageMin).toBeLessThan(0.9);
    expect(gatherPairEvidence(whole, prepare('', 'Giá xăng giảm.'), 1).titleCoverageMin).toBe(0);
  });

  it('is high for a rewrite and low for another subject of the same morning', () => {
    const rewrite = gatherPairEvidence(mb, mbRewrite, 1);
    const other = gatherPairEvidence(mb, techcombank, 1);
    expect(rewrite.titleCoverageMin).toBeGreaterThan(0.7);
    expect(other.titleCoverageMax).toBeLessThan(0.6);
    expect(scorePairEvidence(rewrite)).toBeGreaterThan(scorePairEvidence(other));
  });
});

describe('scorePairEvidence', () => {
  const base: PairEvidence = {
    jaccard: 0.3,
    overlap: 0.5,
    weightedJaccard: 0.3,
    weightedOverlap: 0.5,
    logSharedSyllables: Math.log1p(6),
    titleWeightedOverlap: 0.3,
    titleCoverageMin: 0.4,
    titleCoverageMax: 0.6,
    logSharedRare: Math.log1p(1),
    logSharedFigures: 0,
    sharedDates: 0,
    dateConflict: 0,
    logHoursApart: Math.log1p(2),
    numberDisagreement: 0,
    namesMissingMin: 0,
    namesMissingMax: 0,
  };
  const score = (change: Partial<PairEvidence>) => scorePairEvidence({ ...base, ...change });

  it('rises with shared text and shared dates, falls with disagreement and time apart', () => {
    expect(score({ weightedJaccard: 0.5, weightedOverlap: 0.7 })).toBeGreaterThan(score({}));
    expect(score({ logSharedSyllables: Math.log1p(12) })).toBeGreaterThan(score({}));
    expect(score({ titleWeightedOverlap: 0.8 })).toBeGreaterThan(score({}));
    expect(score({ titleCoverageMin: 0.8, titleCoverageMax: 0.9 })).toBeGreaterThan(score({}));
    expect(score({ logSharedRare: Math.log1p(4) })).toBeGreaterThan(score({}));
    expect(score({ logSharedFigures: Math.log1p(2) })).toBeGreaterThan(score({}));
    expect(score({ dateConflict: 1 })).toBeLessThan(score({}));
    expect(score({ numberDisagreement: 1 })).toBeLessThan(score({}));
    expect(score({ namesMissingMin: 1, namesMissingMax: 1 })).toBeLessThan(score({}));
    expect(score({ logHoursApart: Math.log1p(60) })).toBeLessThan(score({}));
  });

  it('shows shared dates and the unweighted overlap without weighing them', () => {
    expect(score({ sharedDates: 2 })).toBe(score({}));
    expect(score({ jaccard: 0.9, overlap: 0.9 })).toBe(score({}));
  });

  it('is a probability computed from the weighted evidence', () => {
    const zero = scorePairEvidence({
      ...base,
      weightedJaccard: 0,
      weightedOverlap: 0,
      logSharedSyllables: 0,
      titleWeightedOverlap: 0,
      titleCoverageMin: 0,
      titleCoverageMax: 0,
      logSharedRare: 0,
      logHoursApart: 0,
    });
    expect(zero).toBeCloseTo(1 / (1 + Math.exp(-PAIR_MODEL.bias)), 10);
    const onlyJaccard = { weights: { ...Object.fromEntries(PAIR_FEATURES.map((f) => [f, 0])), weightedJaccard: 10 } as PairModel['weights'], bias: -3 };
    expect(scorePairEvidence(base, onlyJaccard)).toBeCloseTo(0.5, 10);
    for (const jaccard of [0, 0.5, 1]) {
      const s = score({ weightedJaccard: jaccard, weightedOverlap: jaccard });
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThan(1);
    }
  });
});
