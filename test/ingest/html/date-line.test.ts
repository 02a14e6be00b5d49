import { describe, expect, it } from 'vitest';
import { readAuthorFromDateLine } from '../../../src/ingest/html/date-line.js';
import { parseHtmlDocument } from '../../../src/ingest/html/dom.js';

function readFromLine(line: string): string | null {
  const document = parseHtmlDocument(`<div><h1>Tiêu đề</h1><div>${line}</div><p>Đoạn đầu.</p></div>`);
  return readAuthorFromDateLine(document.querySelector('h1'));
}

describe('readAuthorFromDateLine', () => {
  it('finds the name among the bullets of the line under the title', () => {
    expect(readFromLine('• 28/07/2017 14:30 • 0 bình luận • Châu Anh • In bài')).toBe('Châu Anh');
    expect(readFromLine('28/07/2017 14:30 | Nguyễn Văn Hùng | Chia sẻ')).toBe('Nguyễn Văn Hùng');
  });

  it('finds nothing when the line names no one, or is not a date line', () => {
    expect(readFromLine('• 28/07/2017 14:30 • 0 bình luận • In bài')).toBeNull();
    expect(readFromLine('Châu Anh • Thời sự')).toBeNull();
    expect(readFromLine('28/07/2017 14:30')).toBeNull();
  });
});
