import { describe, expect, it } from 'vitest';
import { tokenizeSyllables } from '../../src/text/fold.js';
import { extractDocumentNumbers } from '../../src/text/document-numbers.js';

const numbers = (text: string) => [...extractDocumentNumbers(tokenizeSyllables(text))];

describe('extractDocumentNumbers', () => {
  it('reads decree, circular, decision and resolution numbers, with or without the year', () => {
    expect(numbers('Chính phủ ban hành Nghị định số 214/2027/NĐ-CP')).toEqual(['214/nd-cp']);
    expect(numbers('Theo Nghị định 214/NĐ-CP vừa ban hành')).toEqual(['214/nd-cp']);
    expect(numbers('Thông tư 14/2027/TT-BYT bổ sung 45 hoạt chất')).toEqual(['14/tt-byt']);
    expect(numbers('Quyết định 1234/QĐ-TTg ngày 5/10 và Nghị quyết 68-NQ/TW')).toEqual(['1234/qd-ttg', '68/nq-tw']);
    expect(numbers('Công điện 05/CĐ-TTg về bão số 9')).toEqual(['5/cd-ttg']);
  });

  it('reads the same number from text without diacritics', () => {
    expect(numbers('Nghi dinh so 214/2027/ND-CP')).toEqual(['214/nd-cp']);
  });

  it('takes no dates, scores or prices for document numbers', () => {
    expect(numbers('Sáng 15/10/2026, Việt Nam thắng 2-1, xăng giảm 420 đồng/lít')).toEqual([]);
    expect(numbers('Tăng 7,5% so với cùng kỳ, đạt 20.150 đồng')).toEqual([]);
  });
});
