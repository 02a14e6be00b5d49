import { describe, expect, it } from 'vitest';
import { tokenizeSyllables } from '../../src/text/fold.js';
import { buildCategoryMap, mapCategories } from '../../src/topics/category-map.js';
import { scoreItemTopics, selectTopics, type TopicContext } from '../../src/topics/categorize.js';
import { compileKeywordRules, hasPhrase, matchKeywordRules, toKeywordText } from '../../src/topics/keyword-rules.js';
import { classifyText, trainTopicModel } from '../../src/topics/naive-bayes.js';
import { aggregateStoryTopics } from '../../src/topics/story-topics.js';
import { labelTrainingItem } from '../../src/topics/retrain.js';

const TOPICS = ['chinh-tri', 'kinh-te', 'the-thao', 'cong-nghe', 'xa-hoi'];
const topicConfigs = TOPICS.map((key) => ({ key, keywords: [] as string[], excludeKeywords: [] as string[] }));

describe('category map', () => {
  it('maps common Vietnamese section names, with or without diacritics, and parent > child paths', () => {
    const map = buildCategoryMap();
    expect(mapCategories(['Thể thao'], map)).toEqual([{ topic: 'the-thao', category: 'Thể thao' }]);
    expect(mapCategories(['KINH DOANH'], map)[0]?.topic).toBe('kinh-te');
    expect(mapCategories(['Sức mạnh số > Điện thoại'], map)[0]?.topic).toBe('cong-nghe');
    expect(mapCategories(['Thoi su'], map)[0]?.topic).toBe('xa-hoi');
    expect(mapCategories(['Nhà đẹp'], map)).toEqual([]);
  });

  it('lets the config override and extend the built-in map', () => {
    const map = buildCategoryMap({ 'Thời sự': 'chinh-tri', 'Góc nhìn': 'chinh-tri' });
    expect(mapCategories(['Thời sự'], map)[0]?.topic).toBe('chinh-tri');
    expect(mapCategories(['góc nhìn'], map)[0]?.topic).toBe('chinh-tri');
  });
});

describe('keyword rules', () => {
  it('match whole syllables only', () => {
    expect(hasPhrase(tokenizeSyllables('Khai mạc kỳ họp'), ['ai'])).toBe(false);
    expect(hasPhrase(tokenizeSyllables('Ứng dụng AI tạo ảnh'), ['ai'])).toBe(true);
    expect(hasPhrase(tokenizeSyllables('bong da nu'), tokenizeSyllables('bóng đá'))).toBe(true);
  });

  it('weigh a title hit above a summary hit and honour exclusions', () => {
    const rules = compileKeywordRules([{ key: 'the-thao', keywords: ['bóng đá'], excludeKeywords: ['bóng đá nữ'] }]);
    const [inTitle] = matchKeywordRules(rules, tokenizeSyllables('Bóng đá Việt Nam'), []);
    const [inSummary] = matchKeywordRules(rules, [], tokenizeSyllables('Bóng đá Việt Nam'));
    expect(inTitle!.score).toBeGreaterThan(inSummary!.score);
    const [excluded] = matchKeywordRules(rules, tokenizeSyllables('Bóng đá nữ Việt Nam'), []);
    expect(excluded).toMatchObject({ score: 0, excludedBy: 'bóng đá nữ' });
  });

  it('tell words apart by their diacritics when the text has them, and fall back to folding when it does not', () => {
    const rules = compileKeywordRules([{ key: 'xa-hoi', keywords: ['bão'], excludeKeywords: [] }]);
    const hit = (text: string) => matchKeywordRules(rules, toKeywordText(text), toKeywordText('')).length > 0;
    expect(hit('Bão số 15 đổ bộ Nam Trung Bộ')).toBe(true);
    expect(hit('Báo chí đưa tin về bảo hiểm')).toBe(false);
    expect(hit('Bao so 15 do bo Nam Trung Bo')).toBe(true);
  });

  it('ignore a keyword inside a longer word that means something else', () => {
    const rules = compileKeywordRules([{ key: 'the-gioi', keywords: ['pháp', 'mỹ'], excludeKeywords: [] }]);
    const hit = (text: string) => matchKeywordRules(rules, toKeywordText(text), toKeywordText('')).length > 0;
    expect(hit('Giải pháp chống ngập cho Hà Nội')).toBe(false);
    expect(hit('Thu giữ mỹ phẩm giả')).toBe(false);
    expect(hit('Tổng thống Pháp thăm Mỹ')).toBe(true);
  });
});

describe('naive Bayes classifier', () => {
  const docs = [
    ...['Đội tuyển thắng trận', 'Cầu thủ ghi bàn thắng', 'Huấn luyện viên đội tuyển', 'Trận đấu vòng loại', 'Bàn thắng phút cuối trận'].map((t) => ({ topic: 'the-thao', t })),
    ...['Lãi suất ngân hàng tăng', 'Cổ phiếu ngân hàng giảm', 'Giá vàng lãi suất', 'Ngân hàng cho vay', 'Tỷ giá ngân hàng tăng'].map((t) => ({ topic: 'kinh-te', t })),
  ].map((d) => ({ topic: d.topic, title: tokenizeSyllables(d.t), summary: [] }));

  it('learns topics from labeled examples and round-trips through JSON', () => {
    const model = trainTopicModel(docs)!;
    const stored = JSON.parse(JSON.stringify(model));
    expect(classifyText(stored, tokenizeSyllables('Ngân hàng giảm lãi suất'), [])[0]?.topic).toBe('kinh-te');
    expect(classifyText(stored, tokenizeSyllables('Cầu thủ đội tuyển ghi bàn'), [])[0]?.topic).toBe('the-thao');
  });

  it('uses the keyword lists as a prior for words no training text had, only for topics it has examples of', () => {
    const seeds = { 'the-thao': ['huy chương'], 'kinh-te': ['chứng khoán'], 'y-te': ['bệnh viện'] };
    const model = trainTopicModel(docs, seeds)!;
    expect(model.topics).toEqual(['kinh-te', 'the-thao']);
    expect(classifyText(model, tokenizeSyllables('Giành huy chương'), [])[0]?.topic).toBe('the-thao');
    expect(classifyText(model, tokenizeSyllables('Thị trường chứng khoán'), [])[0]?.topic).toBe('kinh-te');
    const unseeded = trainTopicModel(docs, {})!;
    expect(unseeded.featureCounts['the-thao']?.['huy']).toBeUndefined();
  });

  it('refuses to train on a single topic', () => {
    expect(trainTopicModel(docs.filter((d) => d.topic === 'kinh-te'))).toBeNull();
  });
});

describe('scoreItemTopics', () => {
  const context: TopicContext = { rules: compileKeywordRules(topicConfigs), categoryMap: buildCategoryMap(), model: null, knownTopics: new Set(TOPICS) };
  const item = { title: 'Quốc hội chất vấn Bộ trưởng', summary: '', categories: [], sourceTopics: [], sourceName: 'VnExpress' };

  it('gives a section feed topic with its reason, and ignores unknown topics', () => {
    const scores = scoreItemTopics({ ...item, sourceTopics: ['the-thao', 'no-such-topic'], sourceName: 'VnExpress Thể thao' }, context);
    expect(scores.find((s) => s.topic === 'the-thao')?.reasons).toEqual(['section feed VnExpress Thể thao']);
    expect(scores.some((s) => s.topic === 'no-such-topic')).toBe(false);
  });

  it('explains keyword topics and files them above the threshold', () => {
    const [top] = selectTopics(scoreItemTopics(item, context), 1);
    expect(top).toMatchObject({ topic: 'chinh-tri' });
    expect(top!.reasons[0]).toContain('quốc hội');
  });

  it('can hold out the label-giving signals', () => {
    const withCategory = { ...item, title: 'Một tin bình thường', categories: ['Thể thao'] };
    expect(scoreItemTopics(withCategory, context)[0]).toMatchObject({ topic: 'the-thao', reasons: ['category "Thể thao"'] });
    expect(scoreItemTopics(withCategory, context, { useCategories: false })).toEqual([]);
  });

  it('survives empty, shouting, undiacritized and English input', () => {
    for (const title of ['', 'QUỐC HỘI CHẤT VẤN BỘ TRƯỞNG', 'Quoc hoi chat van bo truong', 'Parliament questions the minister']) {
      expect(() => scoreItemTopics({ ...item, title }, context)).not.toThrow();
    }
    expect(selectTopics(scoreItemTopics({ ...item, title: 'Quoc hoi chat van bo truong' }, context), 1)[0]?.topic).toBe('chinh-tri');
    expect(scoreItemTopics({ ...item, title: '' }, context)).toEqual([]);
  });
});

describe('aggregateStoryTopics', () => {
  it('keeps the best item score per topic with the outlet in the reason, and drops weak side topics', () => {
    const topics = aggregateStoryTopics(
      [
        { itemId: 1, topic: 'kinh-te', score: 3, reasons: ['section feed CafeF'], sourceName: 'CafeF' },
        { itemId: 2, topic: 'kinh-te', score: 1.2, reasons: ['keywords (title: giá vàng)'], sourceName: 'VnExpress' },
        { itemId: 2, topic: 'xa-hoi', score: 1.1, reasons: ['keywords (title: người dân)'], sourceName: 'VnExpress' },
      ],
      1,
    );
    expect(topics).toEqual([{ topic: 'kinh-te', score: 3, reason: 'CafeF: section feed CafeF' }]);
  });
});

describe('labelTrainingItem', () => {
  it('labels from a single-topic section, else from one mapped category, else not at all', () => {
    const map = buildCategoryMap();
    expect(labelTrainingItem(['kinh-te'], ['Thể thao'], map)).toBe('kinh-te');
    expect(labelTrainingItem(['kinh-te', 'xa-hoi'], [], map)).toBeNull();
    expect(labelTrainingItem([], ['Thể thao'], map)).toBe('the-thao');
    expect(labelTrainingItem([], ['Thể thao', 'Kinh doanh'], map)).toBeNull();
    expect(labelTrainingItem([], [], map)).toBeNull();
  });
});
