import { describe, expect, it } from 'vitest';
import { contractAliases } from '../../src/text/aliases.js';
import { tokenizeSyllables } from '../../src/text/fold.js';

const contract = (text: string) => contractAliases(tokenizeSyllables(text)).join(' ');

describe('contractAliases', () => {
  it('gives a name written in full and as an abbreviation one token', () => {
    expect(contract('Ủy ban nhân dân TP.HCM')).toBe('ubnd tphcm');
    expect(contract('UBND Thành phố Hồ Chí Minh')).toBe('ubnd tphcm');
    expect(contract('UBND TP Hồ Chí Minh')).toBe('ubnd tphcm');
    expect(contract('Tổ chức Y tế Thế giới (WHO) cảnh báo')).toBe('who who canh bao');
    expect(contract('Bộ Giáo dục và Đào tạo')).toBe(contract('Bộ GD-ĐT'));
    expect(contract('Cục Dự trữ Liên bang Mỹ')).toBe(contract('Fed Mỹ'));
  });

  it('matches the longest form and reads text without diacritics alike', () => {
    expect(contract('Ngân hàng Nhà nước')).toBe('nhnn');
    expect(contract('Ngân hàng Thế giới')).toBe('wb');
    expect(contract('Ngan hang Nha nuoc')).toBe('nhnn');
    expect(contract('ĐH Quốc gia Hà Nội')).toBe(contract('Đại học Quốc gia Hà Nội'));
  });

  it('leaves words alone that only share a syllable with a form', () => {
    // The person is not the city: "Hồ Chí Minh" alone stays three syllables.
    expect(contract('Chủ tịch Hồ Chí Minh')).toBe('chu tich ho chi minh');
    expect(contract('ngân hàng thương mại cổ phần')).toBe('nhtm co phan');
    expect(contract('ngân sách nhà nước')).toBe('ngan sach nha nuoc');
    expect(contract('')).toBe('');
  });
});
