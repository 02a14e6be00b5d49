import { describe, expect, it } from 'vitest';
import { tokenizeSyllables } from '../../src/text/fold.js';
import { extractFigures } from '../../src/text/figures.js';

const figures = (text: string) => [...extractFigures(tokenizeSyllables(text))];

describe('extractFigures', () => {
  it('keeps the figures a report gives', () => {
    expect(figures('GDP quý III ước tăng 8,46%, xuất khẩu đạt 370,5 tỷ USD')).toEqual(['8.46', '370.5']);
    expect(figures('Vụ cháy làm 21 người chết, thiệt hại 1.200 tỷ đồng')).toEqual(['21', '1200']);
  });

  it('drops years and the numbers of months and quarters, which only place a report in time', () => {
    expect(figures('CPI tháng 9 tăng 0,42%, lạm phát 9 tháng ở mức 3,21%')).toEqual(['0.42', '3.21']);
    expect(figures('Kế hoạch năm 2027, quý 4 và 6 tháng đầu năm')).toEqual([]);
  });

  it('keeps a number above twelve next to "tháng" (it is not a month)', () => {
    expect(figures('Bị cáo lĩnh 18 tháng tù')).toEqual(['18']);
  });
});
