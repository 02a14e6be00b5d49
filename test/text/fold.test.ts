import { describe, expect, it } from 'vitest';
import { foldText, hasDiacritics, toNfc, tokenizeMarkedSyllables, tokenizeSyllables } from '../../src/text/fold.js';

describe('foldText', () => {
  it('folds NFC, NFD and undiacritized spellings to the same string', () => {
    const nfc = 'Đội tuyển nữ Việt Nam thắng';
    expect(foldText(nfc)).toBe('doi tuyen nu viet nam thang');
    expect(foldText(nfc.normalize('NFD'))).toBe('doi tuyen nu viet nam thang');
    expect(foldText('DOI TUYEN NU VIET NAM THANG')).toBe('doi tuyen nu viet nam thang');
  });

  it('maps đ and Đ to d and collapses whitespace', () => {
    expect(foldText('  Đà   Nẵng\tđẹp ')).toBe('da nang dep');
  });

  it('returns an empty string for empty input', () => {
    expect(foldText('')).toBe('');
    expect(tokenizeSyllables('  — ')).toEqual([]);
  });
});

describe('toNfc', () => {
  it('composes decomposed text', () => {
    const nfd = 'Thủ tướng'.normalize('NFD');
    expect(nfd).not.toBe('Thủ tướng');
    expect(toNfc(nfd)).toBe('Thủ tướng');
  });
});

describe('tokenizeSyllables', () => {
  it('splits on punctuation and keeps numbers whole', () => {
    expect(tokenizeSyllables('Giá xăng giảm 420 đồng/lít từ 15h')).toEqual(['gia', 'xang', 'giam', '420', 'dong', 'lit', 'tu', '15h']);
  });

  it('reads "1.000" and "1000" as one number and keeps decimals', () => {
    expect(tokenizeSyllables('1.000 tỷ')).toEqual(tokenizeSyllables('1000 tỷ'));
    expect(tokenizeSyllables('tăng 1,2 triệu')).toEqual(['tang', '1.2', 'trieu']);
  });

  it('reads the two standard spellings of a final y/i as one syllable ("tỷ"/"tỉ", "bác sỹ"/"bác sĩ")', () => {
    expect(tokenizeSyllables('1 tỷ USD, bác sỹ, quý')).toEqual(tokenizeSyllables('1 tỉ USD, bác sĩ, quí'));
    // Only after a single consonant: "huy", "tay" and "y tế" keep their y.
    expect(tokenizeSyllables('huy tay y')).toEqual(['huy', 'tay', 'y']);
  });
});

describe('tokenizeMarkedSyllables', () => {
  it('keeps the diacritics that tell words apart, aligned with the folded syllables', () => {
    const text = 'Bão đổ bộ, báo chí đưa tin';
    const marked = tokenizeMarkedSyllables(text);
    expect(marked).toHaveLength(tokenizeSyllables(text).length);
    expect(marked[0]).not.toBe(tokenizeMarkedSyllables('báo')[0]);
  });

  it('reads both tone placements, NFD and capitals alike', () => {
    expect(tokenizeMarkedSyllables('văn hoá, thuỷ lợi')).toEqual(tokenizeMarkedSyllables('VĂN HÓA, THỦY LỢI'.normalize('NFD')));
  });

  it('tells diacritized text from undiacritized text', () => {
    expect(hasDiacritics('Đà Nẵng')).toBe(true);
    expect(hasDiacritics('Da Nang')).toBe(false);
  });
});
