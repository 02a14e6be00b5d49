import { describe, expect, it } from 'vitest';
import { extractTitleNames } from '../../src/text/names.js';

describe('extractTitleNames', () => {
  it('finds the capitalised runs of a sentence-case headline, folded', () => {
    expect(extractTitleNames('Khởi tố nguyên giám đốc Ban quản lý dự án tỉnh Thanh Hóa')).toEqual(['ban', 'thanh hoa']);
    expect(extractTitleNames('Mưa như trút nước, nhiều tuyến đường TP.HCM ngập sâu')).toEqual(['tp hcm']);
  });

  it('ignores the capital that only starts the title or a clause, but keeps a name that starts it', () => {
    expect(extractTitleNames('Tổng Bí thư: Tạo đột phá để tăng trưởng')).toEqual(['tong bi']);
    expect(extractTitleNames('Nguyễn Thùy Linh vào chung kết Vietnam Open')).toEqual(['nguyen thuy linh', 'vietnam open']);
    expect(extractTitleNames('Giá vàng tăng mạnh')).toEqual([]);
  });

  it('reads a one-word dateline before a colon as a name, and a one-word clause opener otherwise not', () => {
    expect(extractTitleNames('TP.HCM: Hơn 2,5 triệu học sinh bước vào năm học mới')).toEqual(['tp hcm']);
    expect(extractTitleNames('Hà Nội: Hơn 2,3 triệu học sinh dự lễ khai giảng')).toEqual(['ha noi']);
    expect(extractTitleNames('Mỹ: Lạm phát tháng 8 giảm')).toEqual(['mi']); // folding writes y as i (Mỹ / Mĩ)
    expect(extractTitleNames('Vàng: giá tăng mạnh')).toEqual(['vang']);
    expect(extractTitleNames('Phát hiện: nguyên nhân vụ cháy')).toEqual([]);
    expect(extractTitleNames('Khởi tố: năm bị can trong vụ án')).toEqual([]);
  });

  it('reads no names from a title in capitals or in NFD the same as NFC', () => {
    expect(extractTitleNames('CHỦ TỊCH NƯỚC ĐÓN TỔNG THỐNG INDONESIA')).toEqual([]);
    const title = 'Chủ tịch nước đón Tổng thống Indonesia tại Hà Nội';
    expect(extractTitleNames(title.normalize('NFD'))).toEqual(extractTitleNames(title));
    expect(extractTitleNames(title)).toEqual(['tong', 'indonesia', 'ha noi']);
  });
});
