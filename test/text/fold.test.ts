import { describe, expect, it } from 'vitest';
import { foldText, toNfc, tokenizeSyllables } from '../../src/text/fold.js';

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
});
