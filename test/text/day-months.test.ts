import { describe, expect, it } from 'vitest';
import { extractDayMonths } from '../../src/text/day-months.js';

describe('extractDayMonths', () => {
  it('reads the day/month forms the press writes, with or without the year', () => {
    expect(extractDayMonths('Sáng 5/10, Công ty SJC nâng giá vàng')).toEqual(['5/10']);
    expect(extractDayMonths('Dừng hoàn toàn công nghệ 2G từ ngày 15/10/2026')).toEqual(['15/10']);
    expect(extractDayMonths('Fed ngày 16/9 (giờ Mỹ), rạng sáng 17/9 giờ Hà Nội')).toEqual(['16/9', '17/9']);
    expect(extractDayMonths('Kỳ thi diễn ra ngày 05/06')).toEqual(['5/6']);
  });

  it('reads "d-m" only after a word that introduces a date, in any folding', () => {
    expect(extractDayMonths('Giá vàng hôm nay 5-10: tăng dữ dội')).toEqual(['5/10']);
    expect(extractDayMonths('Sáng 5-10, giá vàng miếng SJC')).toEqual(['5/10']);
    expect(extractDayMonths('Gia vang hom nay 5-10: tang du doi')).toEqual(['5/10']);
    expect(extractDayMonths('Việt Nam thắng Philippines 2-0 trên sân Mỹ Đình')).toEqual([]);
    expect(extractDayMonths('lãi suất về 3-3,25%')).toEqual([]);
  });

  it('ignores quarters, document numbers, scores out of ten and impossible dates', () => {
    expect(extractDayMonths('GDP quý III/2026 ước tăng 8,46%')).toEqual([]);
    expect(extractDayMonths('Thông tư 28/2026/TT-BYT mở rộng danh mục thuốc')).toEqual([]);
    expect(extractDayMonths('Bài thi đạt 8,5/10 điểm')).toEqual([]);
    expect(extractDayMonths('tỷ lệ 45/60 và 31/13')).toEqual([]);
  });

  it('lists every day of a short range written with one month ("5-7/3", "từ ngày 5 đến 7/3")', () => {
    expect(extractDayMonths('Lễ hội diễn ra từ ngày 5 đến 7/3 tại phố đi bộ')).toEqual(['5/3', '6/3', '7/3']);
    expect(extractDayMonths('Triển lãm mở cửa 5-7/3')).toEqual(['5/3', '6/3', '7/3']);
    expect(extractDayMonths('Kỳ thi diễn ra ngày 10 và 11/6')).toEqual(['10/6', '11/6']);
    expect(extractDayMonths('Le hoi dien ra tu ngay 5 den 7/3')).toEqual(['5/3', '6/3', '7/3']);
    // A month-long period is not days an event falls on: only its written end counts, as before.
    expect(extractDayMonths('Khuyến mại từ 1-30/6')).toEqual(['30/6']);
  });

  it('lists a date once, in order of first mention, and reads NFD text', () => {
    expect(extractDayMonths('Ngày 2/9 và 2/9 năm sau, rồi 1/1')).toEqual(['2/9', '1/1']);
    expect(extractDayMonths('Sáng 5-10, giá vàng'.normalize('NFD'))).toEqual(['5/10']);
  });
});
