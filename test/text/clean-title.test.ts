import { describe, expect, it } from 'vitest';
import { stripLeadingLabels, stripTitleDecorations } from '../../src/text/clean-title.js';

describe('stripTitleDecorations', () => {
  it.each([
    ['Giá xăng giảm từ 15h - VnExpress', 'Giá xăng giảm từ 15h'],
    ['Giá xăng giảm từ 15h | Báo Dân trí', 'Giá xăng giảm từ 15h'],
    ['Giá xăng giảm từ 15h – Tuổi Trẻ Online', 'Giá xăng giảm từ 15h'],
    ['Giá xăng giảm từ 15h - baochinhphu.vn', 'Giá xăng giảm từ 15h'],
    ['VIDEO: Cháy lớn ở kho phế liệu', 'Cháy lớn ở kho phế liệu'],
    ['TRỰC TIẾP: Quốc hội chất vấn', 'Quốc hội chất vấn'],
    ['[Infographic] Giá vàng tuần qua', 'Giá vàng tuần qua'],
  ])('strips %j', (input, expected) => {
    expect(stripTitleDecorations(input)).toBe(expected);
  });

  it('strips a suffix naming the source itself', () => {
    expect(stripTitleDecorations('Khai mạc kỳ họp - Hà Nội Mới', 'Báo Hà Nội Mới')).toBe('Khai mạc kỳ họp');
  });

  it('keeps dashes and colons that are part of the headline', () => {
    expect(stripTitleDecorations('Mỹ - Nga tính chuyện bán khí đốt')).toBe('Mỹ - Nga tính chuyện bán khí đốt');
    expect(stripTitleDecorations('Thủ tướng: Phải đạt tăng trưởng 8%')).toBe('Thủ tướng: Phải đạt tăng trưởng 8%');
    expect(stripTitleDecorations('Đối thoại quốc phòng Việt Nam - Australia')).toBe('Đối thoại quốc phòng Việt Nam - Australia');
  });

  it('never turns a title into nothing', () => {
    expect(stripTitleDecorations('VnExpress')).toBe('VnExpress');
    expect(stripTitleDecorations('')).toBe('');
  });
});

describe('stripLeadingLabels', () => {
  it.each([
    ['(Chinhphu.vn) - Sáng 23/11, Quốc hội khai mạc', 'Sáng 23/11, Quốc hội khai mạc'],
    ['(Dân trí) - Mới đây, trên một hội nhóm', 'Mới đây, trên một hội nhóm'],
    ['ANTD.VN - Công an quận Hoàn Kiếm', 'Công an quận Hoàn Kiếm'],
    ['(PLO)- Tòa tuyên án', 'Tòa tuyên án'],
  ])('strips %j', (input, expected) => {
    expect(stripLeadingLabels(input)).toBe(expected);
  });

  it('keeps a parenthesis that is not an outlet', () => {
    expect(stripLeadingLabels('(Ảnh minh họa) Người dân xếp hàng')).toBe('(Ảnh minh họa) Người dân xếp hàng');
  });
});
