import { describe, expect, it } from 'vitest';
import { cleanArticleHtml, isFurnitureText } from '../../../src/ingest/html/clean-article.js';
import { htmlToPlainText } from '../../../src/ingest/sanitize.js';

const CONTEXT = { title: 'Công tác thông tin đối ngoại', author: 'Châu Anh' };

function cleanText(html: string): string {
  return htmlToPlainText(cleanArticleHtml(html, CONTEXT).html);
}

describe('isFurnitureText', () => {
  it.each([
    '• 28/07/2017 14:30 • 0 bình luận • Châu Anh • In bài',
    '0 bình luận',
    '12 Bình luận',
    'Chia sẻ',
    'Thứ sáu, 28/7/2017, 14:30 (GMT+7)',
    'Cập nhật: 14:30 28/07/2017',
    'Châu Anh',
    '25 lượt thích | Chia sẻ | Zalo',
  ])('is furniture: %j', (text) => {
    expect(isFurnitureText(text, CONTEXT)).toBe(true);
  });

  it.each(['28/07/2017 chính thức', 'ANTD.VN - Sáng 28-7, Ban Chỉ đạo họp', 'Ngày 28/07/2017, thành phố khai mạc hội nghị', 'Theo Châu Anh', 'In ấn tài liệu'])('is text: %j', (text) => {
    expect(isFurnitureText(text, CONTEXT)).toBe(false);
  });
});

describe('cleanArticleHtml', () => {
  it('removes a bulleted meta line item by item, then its empty list', () => {
    const html = '<ul><li>28/07/2017 14:30</li><li><a href="#c">0 bình luận</a></li><li>Châu Anh</li><li>In bài</li></ul><p>Đoạn văn đầu tiên.</p>';
    const cleaned = cleanArticleHtml(html, CONTEXT).html;
    expect(cleaned).not.toContain('<ul');
    expect(htmlToPlainText(cleaned)).toBe('Đoạn văn đầu tiên.');
  });

  it('removes a related-news block and the link list after its heading', () => {
    const html = '<p>Nội dung chính.</p><div><h3>Tin cùng chuyên mục</h3></div><ul><li><a href="/a">Bài A</a></li><li><a href="/b">Bài B</a></li></ul>';
    expect(cleanText(html)).toBe('Nội dung chính.');
  });

  it('removes an inline "Xem thêm:" link paragraph but keeps prose that mentions it', () => {
    const html = '<p>Một.</p><p><a href="/x">Xem thêm: Bài khác</a></p><p>Xem thêm các quy định tại Điều 5 của Nghị định này.</p>';
    expect(cleanText(html)).toBe('Một. Xem thêm các quy định tại Điều 5 của Nghị định này.');
  });

  it('keeps content after a related heading when it is prose, not links', () => {
    const html = '<p>Một.</p><h3>Xem thêm</h3><p>Đoạn văn dài vẫn là nội dung bài viết, không phải danh sách liên kết.</p>';
    expect(cleanText(html)).toBe('Một. Đoạn văn dài vẫn là nội dung bài viết, không phải danh sách liên kết.');
  });

  it('drops a caption repeated right after the figure, and only the repeat', () => {
    const html = '<figure><img src="a.jpg"><figcaption>Quang cảnh hội nghị</figcaption></figure><p><em>Quang cảnh hội nghị</em></p><p>Tiếp theo.</p><p>Quang cảnh hội nghị</p>';
    const cleaned = cleanArticleHtml(html, CONTEXT).html;
    expect(htmlToPlainText(cleaned)).toBe('Quang cảnh hội nghị Tiếp theo. Quang cảnh hội nghị');
    expect(cleaned).toContain('<img');
  });

  it('keeps an emphasised paragraph whole (the <em> is not a repeat of its own <p>)', () => {
    expect(cleanText('<p><em>Ảnh: Bá Đô</em></p><p>Sau đó.</p>')).toBe('Ảnh: Bá Đô Sau đó.');
  });
});
