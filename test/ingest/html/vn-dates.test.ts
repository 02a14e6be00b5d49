import { describe, expect, it } from 'vitest';
import { findVisibleDate, parseVisibleDate } from '../../../src/ingest/html/vn-dates.js';

const HANOI = 'Asia/Ho_Chi_Minh';

describe('parseVisibleDate', () => {
  it.each([
    ['• 28/07/2017 14:30 • 0 bình luận • Châu Anh • In bài', '2017-07-28T07:30:00.000Z'],
    ['Thứ sáu, 28/7/2017, 14:30 (GMT+7)', '2017-07-28T07:30:00.000Z'],
    ['Thứ sáu, 28/07/2017 - 14:30', '2017-07-28T07:30:00.000Z'],
    ['14:30 - 28/07/2017', '2017-07-28T07:30:00.000Z'],
    ['Cập nhật lúc 14h30 ngày 28/07/2017', '2017-07-28T07:30:00.000Z'],
    ['28-07-2017 | 14:30 GMT+7', '2017-07-28T07:30:00.000Z'],
    ['28/07/2017 14:30 GMT+0', '2017-07-28T14:30:00.000Z'],
    ['02:30 CH 28/07/2017', '2017-07-28T07:30:00.000Z'],
    ['28.07.2017', '2017-07-27T17:00:00.000Z'],
  ])('reads %j', (text, expected) => {
    expect(parseVisibleDate(text, HANOI)?.toISOString()).toBe(expected);
  });

  it('reads a naive time in the given timezone', () => {
    expect(parseVisibleDate('28/07/2017 14:30', 'Europe/Paris')?.toISOString()).toBe('2017-07-28T12:30:00.000Z');
  });

  it.each(['31/02/2017 10:00', 'Sáng 28-7, Ban Chỉ đạo', 'không có ngày', '2017'])('finds no date in %j', (text) => {
    expect(parseVisibleDate(text, HANOI)).toBeNull();
  });

  it('says where the date is written', () => {
    const text = 'Chính trị Thứ sáu, 28/7/2017, 14:30 (GMT+7) tiêu đề';
    const found = findVisibleDate(text, HANOI);
    expect(found?.index).toBe(text.indexOf('28/7/2017'));
    expect(text.slice(found!.index, found!.index + found!.length).trim()).toBe('28/7/2017, 14:30 (GMT+7)');
  });
});
