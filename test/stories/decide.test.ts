import { describe, expect, it } from 'vitest';
import { decideStory, type StoryCandidate } from '../../src/stories/decide.js';
import { buildFingerprint } from '../../src/stories/fingerprint.js';
import { configSchema } from '../../src/config/schema.js';
import { measureSimilarity, toComparable } from '../../src/stories/compare.js';
import { tokenizeSyllables } from '../../src/text/fold.js';
import { computeJaccard } from '../../src/text/signature.js';
import { isStopWord } from '../../src/text/stop-words.js';

// The shipped threshold: these cases describe what a deployment without overrides decides.
const rules = { threshold: configSchema.parse({}).stories.threshold, windowMs: 72 * 3_600_000 };
const monday = new Date('2026-11-23T02:00:00Z');
const hours = (n: number) => new Date(monday.getTime() + n * 3_600_000);

const release = {
  title: 'Giá xăng giảm từ 15h chiều nay',
  summary: '(Chinhphu.vn) - Liên Bộ Công Thương - Tài chính điều chỉnh giá bán lẻ xăng dầu từ 15h ngày 26/11, xăng RON95 giảm 420 đồng, còn 20.150 đồng mỗi lít.',
  url: 'https://baochinhphu.vn/gia-xang-giam-102261126.htm',
};

function candidate(input: { title: string; summary: string; url?: string | null }, options: Partial<StoryCandidate> = {}): StoryCandidate {
  return {
    itemId: 1,
    storyId: 10,
    sourceId: 1,
    fingerprint: buildFingerprint({ title: input.title, summary: input.summary, url: input.url ?? null }),
    publishedAt: monday,
    storyFirstSeenAt: monday,
    ...options,
  };
}

function decide(input: { title: string; summary: string; url?: string | null }, candidates: StoryCandidate[], sourceId = 2, at = hours(2)) {
  return decideStory({ fingerprint: buildFingerprint({ title: input.title, summary: input.summary, url: input.url ?? null }, 'VnExpress'), sourceId, publishedAt: at }, candidates, rules);
}

describe('decideStory', () => {
  it('names every other story whose item the item also matched, and no story it did not match', () => {
    const football = { title: 'Đội tuyển Việt Nam thắng Thái Lan 2-1 ở vòng loại Asian Cup', summary: 'Đội tuyển Việt Nam ngược dòng thắng Thái Lan 2-1 trên sân Mỹ Đình tối 26/11.' };
    const stored = [
      candidate(release, { itemId: 1, storyId: 30 }),
      candidate({ title: release.title, summary: release.summary.normalize('NFD') }, { itemId: 2, storyId: 20, sourceId: 3 }),
      candidate(football, { itemId: 3, storyId: 40 }),
    ];
    const pickup = { title: release.title, summary: release.summary };
    expect(decide(pickup, stored)).toMatchObject({ kind: 'join', storyId: 20, alsoMatched: [30] });
    expect(decide(pickup, [stored[0]!, stored[2]!])).toMatchObject({ kind: 'join', storyId: 30, alsoMatched: [] });
  });

  it('joins an item that differs only in Unicode form, diacritics and outlet suffix', () => {
    const stored = [candidate(release)];
    const nfd = { title: release.title.normalize('NFD'), summary: release.summary.normalize('NFD') };
    const bare = { title: 'Gia xang giam tu 15h chieu nay - VnExpress', summary: 'Lien Bo Cong Thuong - Tai chinh dieu chinh gia ban le xang dau tu 15h ngay 26/11, xang RON95 giam 420 dong, con 20.150 dong moi lit.' };
    expect(decide(nfd, stored)).toMatchObject({ kind: 'join', storyId: 10 });
    expect(decide(bare, stored)).toMatchObject({ kind: 'join', storyId: 10 });
  });

  it('joins a rewrite with another title and lede that shares the facts', () => {
    const rewrite = {
      title: 'Xăng RON95 giảm 420 đồng một lít',
      summary: 'Từ 15h hôm nay, mỗi lít xăng RON95 giảm 420 đồng, về 20.150 đồng, theo điều chỉnh của liên Bộ Công Thương - Tài chính.',
    };
    expect(decide(rewrite, [candidate(release)])).toMatchObject({ kind: 'join', reason: 'similar' });
  });

  it('counts a name written in full and abbreviated as the same name (UBND / Ủy ban nhân dân, TP.HCM)', () => {
    const notice = {
      title: 'UBND TP.HCM yêu cầu khẩn trương chống ngập tại 12 điểm trên đường Nguyễn Hữu Cảnh',
      summary: 'UBND TP.HCM giao Sở Xây dựng khảo sát 12 điểm ngập nặng trên đường Nguyễn Hữu Cảnh và báo cáo phương án trước ngày 30/11.',
    };
    const rewrite = {
      title: 'Ủy ban nhân dân Thành phố Hồ Chí Minh chỉ đạo chống ngập đường Nguyễn Hữu Cảnh',
      summary: 'Ủy ban nhân dân Thành phố Hồ Chí Minh yêu cầu khảo sát 12 điểm ngập trên đường Nguyễn Hữu Cảnh, báo cáo trước ngày 30/11.',
    };
    expect(decide(rewrite, [candidate(notice)])).toMatchObject({ kind: 'join', storyId: 10 });
    // Without the alias step the full forms are seven syllables the abbreviations do not have.
    const [a, b] = [notice, rewrite].map((t) => toComparable(buildFingerprint({ ...t, url: null })));
    const plain = [notice, rewrite].map((t) => tokenizeSyllables(`${t.title} ${t.summary}`).filter((x) => !isStopWord(x)));
    expect(measureSimilarity(a!, b!)).toBeGreaterThan(0.6);
    expect(computeJaccard(plain[0]!, plain[1]!)).toBeLessThan(0.5);
  });

  it('joins on the same canonical URL whatever the text or the date says', () => {
    expect(decide({ title: 'Tin khác hẳn', summary: '', url: release.url.replace('https:', 'http:') }, [candidate(release)], 2, hours(200))).toMatchObject({
      kind: 'join',
      reason: 'same-url',
    });
  });

  it('keeps two state visits apart when each title names a country the other text never mentions', () => {
    const indonesia = {
      title: 'Chủ tịch nước chủ trì lễ đón Tổng thống Indonesia thăm cấp Nhà nước',
      summary: 'Sáng nay tại Phủ Chủ tịch, Chủ tịch nước chủ trì lễ đón chính thức Tổng thống Indonesia thăm cấp Nhà nước Việt Nam, mở đầu chuỗi hoạt động hợp tác.',
    };
    const chile = {
      title: 'Chủ tịch nước chủ trì lễ đón Tổng thống Chile thăm cấp Nhà nước',
      summary: 'Sáng nay tại Phủ Chủ tịch, Chủ tịch nước chủ trì lễ đón chính thức Tổng thống Chile thăm cấp Nhà nước Việt Nam, mở đầu chuỗi hoạt động hợp tác.',
    };
    const decision = decide(chile, [candidate(indonesia)], 2, hours(30));
    expect(decision.kind).toBe('new');
    expect(decision.kind === 'new' && decision.rejected[0]?.reason).toBe('names');
    // The same template apart from the names is two visits even an hour apart, not only across days.
    expect(decide(chile, [candidate(indonesia)], 2, hours(1))).toMatchObject({ kind: 'new', rejected: [{ reason: 'names' }] });
    // A rewrite that adds a name of its own but keeps the other's names still joins: absence must be mutual.
    const rewrite = { title: 'Tổng thống Indonesia được đón tại Hà Nội', summary: indonesia.summary };
    expect(decide(rewrite, [candidate(indonesia)])).toMatchObject({ kind: 'join' });
  });

  it('keeps the opening and the closing of one congress apart', () => {
    const opening = { title: 'Khai mạc Hội nghị lần thứ tư Ban Chấp hành Trung ương', summary: 'Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIV họp tại Hà Nội, bàn kế hoạch phát triển kinh tế - xã hội.' };
    const closing = { title: 'Bế mạc Hội nghị lần thứ tư Ban Chấp hành Trung ương', summary: 'Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIV họp tại Hà Nội, bàn kế hoạch phát triển kinh tế - xã hội.' };
    const decision = decide(closing, [candidate(opening)], 2, hours(60));
    expect(decision.kind === 'new' && decision.rejected[0]?.reason).toBe('stage');
  });

  it('keeps a trial opening and its verdict apart, and the first-instance and the appeal trial', () => {
    const opening = {
      title: 'Cựu chủ tịch Tập đoàn Đại Phát Lộc hầu tòa vì lừa 3.800 nhà đầu tư trái phiếu',
      summary: 'Sáng 12/5, TAND TP Hà Nội mở phiên tòa xét xử sơ thẩm cựu chủ tịch Tập đoàn Đại Phát Lộc và 8 đồng phạm về tội lừa đảo chiếm đoạt tài sản qua phát hành trái phiếu.',
    };
    const verdict = {
      title: 'Cựu chủ tịch Tập đoàn Đại Phát Lộc lĩnh án chung thân',
      summary: 'Chiều 14/5, TAND TP Hà Nội tuyên phạt cựu chủ tịch Tập đoàn Đại Phát Lộc tù chung thân về tội lừa đảo chiếm đoạt tài sản qua phát hành trái phiếu; 8 đồng phạm lĩnh từ 3 đến 20 năm tù.',
    };
    expect(decide(verdict, [candidate(opening)], 2, hours(50))).toMatchObject({ kind: 'new', rejected: [{ reason: 'stage' }] });
    const appeal = { ...verdict, title: 'Tòa phúc thẩm giữ nguyên án chung thân với cựu chủ tịch Đại Phát Lộc' };
    const firstInstance = { ...verdict, title: 'Tuyên án sơ thẩm cựu chủ tịch Đại Phát Lộc: chung thân' };
    expect(decide(appeal, [candidate(firstInstance)], 2, hours(20))).toMatchObject({ kind: 'new', rejected: [{ reason: 'stage' }] });
    // A verdict report whose title also says the trial took place names both stages: not a conflict.
    const both = { title: 'Xét xử vụ Đại Phát Lộc: cựu chủ tịch hầu tòa và lĩnh án chung thân', summary: verdict.summary };
    const decision = decide(both, [candidate(verdict)], 2, hours(1));
    expect(decision.kind === 'new' ? decision.rejected.map((r) => r.reason) : []).not.toContain('stage');
  });

  it('keeps two decrees of one afternoon apart: each cites its own number', () => {
    const dataCentres = { title: 'Nghị định quy định chi tiết về hoạt động trung tâm dữ liệu', summary: 'Chính phủ vừa ban hành Nghị định số 214/2027/NĐ-CP quy định chi tiết về đầu tư, xây dựng và vận hành trung tâm dữ liệu.' };
    const personalData = { title: 'Nghị định quy định xử phạt vi phạm về dữ liệu cá nhân', summary: 'Chính phủ vừa ban hành Nghị định số 218/2027/NĐ-CP quy định xử phạt vi phạm hành chính về bảo vệ dữ liệu cá nhân.' };
    expect(decide(personalData, [candidate(dataCentres)], 2, hours(1))).toMatchObject({ kind: 'new', rejected: [{ reason: 'document' }] });
    const pickup = { title: 'Trung tâm dữ liệu phải đạt chuẩn tiết kiệm năng lượng', summary: 'Theo Nghị định 214/NĐ-CP vừa được Chính phủ ban hành, trung tâm dữ liệu xây mới phải đạt chuẩn về hiệu suất năng lượng.' };
    expect(decide(pickup, [candidate(personalData)], 2, hours(1))).toMatchObject({ kind: 'new', rejected: [{ reason: 'document' }] });
    const sameDecree = decide(pickup, [candidate(dataCentres)], 2, hours(1));
    expect(sameDecree.kind === 'new' ? sameDecree.rejected.map((r) => r.reason) : []).not.toContain('document');
  });

  it('keeps the same news of two provinces apart, but not a rewrite that names the province only in its lede', () => {
    const hanoi = { title: 'Tỷ lệ học sinh Hà Nội đi học sau Tết đạt 99,6%', summary: 'Theo Sở GD-ĐT Hà Nội, tỷ lệ học sinh đi học trong ngày đầu sau Tết đạt 99,6%, các trường không kiểm tra bài cũ.' };
    const hcmc = { title: 'TP.HCM: Học sinh đi học lại sau Tết, tỷ lệ đạt 99,2%', summary: 'Sở GD-ĐT TP.HCM cho biết tỷ lệ học sinh đi học trong ngày đầu sau Tết đạt 99,2%, các trường không kiểm tra bài cũ.' };
    expect(decide(hcmc, [candidate(hanoi)], 2, hours(1))).toMatchObject({ kind: 'new', rejected: [{ reason: 'place' }] });
    // "Thành phố Hồ Chí Minh" in the lede is TP.HCM: the same place, so no veto.
    const hcmcRewrite = { title: 'Học sinh Sài Gòn trở lại trường sau Tết', summary: 'Ngày đầu sau Tết, 99,2% học sinh Thành phố Hồ Chí Minh đi học, Sở GD-ĐT cho biết.' };
    const rewrite = decide(hcmcRewrite, [candidate(hcmc)], 2, hours(2));
    expect(rewrite.kind === 'new' ? rewrite.rejected.map((r) => r.reason) : []).not.toContain('place');
  });

  it("keeps the women's and the men's singles of one tournament apart, but not a women's athlete's story", () => {
    const women = { title: 'Thùy Linh vào chung kết Vietnam Open', summary: 'Nguyễn Thùy Linh thắng 2-1 ở bán kết đơn nữ chiều 18/9 tại Nhà thi đấu Nguyễn Du, TP.HCM, giải cầu lông Vietnam Open.' };
    const men = { title: 'Lê Đức Phát dừng bước ở bán kết Vietnam Open', summary: 'Lê Đức Phát thua 1-2 ở bán kết đơn nam tối 18/9 tại Nhà thi đấu Nguyễn Du, TP.HCM, giải cầu lông Vietnam Open.' };
    expect(decide(men, [candidate(women)], 2, hours(2))).toMatchObject({ kind: 'new', rejected: [{ reason: 'team' }] });
    const winner = { title: 'Nữ vận động viên Quân đội vô địch Tiền Phong Marathon lần thứ ba', summary: 'Sáng 7/3, chân chạy Quân đội về nhất cự ly marathon nữ tại giải Tiền Phong Marathon ở Đắk Lắk.' };
    const report = { title: 'Tiền Phong Marathon: chân chạy Quân đội lần thứ ba về nhất', summary: 'Chân chạy Quân đội vô địch cự ly 42 km nữ sáng 7/3 tại giải Tiền Phong Marathon, lần thứ ba liên tiếp.' };
    const decision = decide(report, [candidate(winner)], 2, hours(1));
    expect(decision.kind === 'new' ? decision.rejected.map((r) => r.reason) : []).not.toContain('team');
  });

  it('keeps gold up on Monday and gold down on Wednesday apart', () => {
    const up = { title: 'Giá vàng miếng tăng lên 152 triệu đồng mỗi lượng', summary: 'Sáng thứ Hai 23/11, giá vàng miếng SJC tăng 1,2 triệu đồng, lên 152 triệu đồng mỗi lượng bán ra.' };
    const down = { title: 'Giá vàng miếng giảm về 149 triệu đồng mỗi lượng', summary: 'Sáng thứ Tư 25/11, giá vàng miếng SJC giảm 1,5 triệu đồng, về 149 triệu đồng mỗi lượng bán ra.' };
    const decision = decide(down, [candidate(up)], 2, hours(48));
    expect(decision).toMatchObject({ kind: 'new', rejected: [{ reason: 'direction' }] });
  });

  it('keeps two rises of the gold price on different days apart: the date and the figures differ', () => {
    const monday = { title: 'Giá vàng miếng tăng 1,2 triệu đồng, lên 152 triệu đồng', summary: 'Sáng 23/11, Công ty SJC nâng giá vàng miếng thêm 1,2 triệu đồng, niêm yết 150-152 triệu đồng mỗi lượng.' };
    const thursday = {
      title: 'Vàng SJC lại lên giá, vượt 155 triệu đồng mỗi lượng',
      summary: 'Đầu giờ sáng 26/11, các doanh nghiệp đồng loạt điều chỉnh giá vàng miếng lên 153-155 triệu đồng mỗi lượng, tăng thêm 800.000 đồng so với hôm trước.',
    };
    const decision = decide(thursday, [candidate(monday)], 2, hours(70));
    expect(decision).toMatchObject({ kind: 'new', rejected: [{ reason: 'below-threshold' }] });
    // The same figures and date, written by another outlet two hours later, is the same story.
    const rewrite = { title: 'SJC nâng giá vàng miếng lên 152 triệu đồng mỗi lượng', summary: 'Giá vàng miếng SJC sáng 23/11 tăng 1,2 triệu đồng, bán ra 152 triệu đồng mỗi lượng, cao nhất từ trước tới nay.' };
    expect(decide(rewrite, [candidate(monday)], 2, hours(2))).toMatchObject({ kind: 'join', reason: 'similar' });
  });

  it('keeps one template filled in with other figures apart', () => {
    const north = { title: 'Bảng giá xăng dầu áp dụng từ 15h chiều nay', summary: 'Xăng RON95 còn 20.150 đồng mỗi lít, xăng E5 còn 19.320 đồng, dầu diesel còn 18.270 đồng mỗi lít.' };
    const next = { title: 'Bảng giá xăng dầu áp dụng từ 15h chiều nay', summary: 'Xăng RON95 còn 20.480 đồng mỗi lít, xăng E5 còn 19.610 đồng, dầu diesel còn 18.550 đồng mỗi lít.' };
    expect(decide(next, [candidate(north)], 2, hours(1))).toMatchObject({ kind: 'new', rejected: [{ reason: 'numbers' }] });
    // One figure in common is a rewrite picking other figures of the same release, not another table: the pair
    // score weighs the disagreement instead of a veto.
    const partly = { ...next, summary: 'Xăng RON95 còn 20.150 đồng mỗi lít, xăng E5 còn 19.610 đồng, dầu diesel còn 18.550 đồng mỗi lít.' };
    const decision = decide(partly, [candidate(north)], 2, hours(1));
    expect(decision.kind === 'new' ? decision.rejected.map((r) => r.reason) : []).not.toContain('numbers');
  });

  it('weighs the date a text gives: the same wording about another day scores lower', () => {
    const base = { title: 'Hà Nội cấm xe qua cầu Chương Dương để sửa khe co giãn', summary: 'Từ 22h ngày 24/11, Sở Xây dựng Hà Nội cấm xe qua cầu Chương Dương để sửa chữa khe co giãn trong ba đêm.' };
    const sameDay = decide({ ...base, title: 'Cầu Chương Dương cấm xe ba đêm' }, [candidate(base)], 2, hours(3));
    const otherDay = decide({ title: 'Cầu Chương Dương cấm xe ba đêm', summary: base.summary.replace('24/11', '2/12') }, [candidate(base)], 2, hours(3));
    const scoreOf = (d: ReturnType<typeof decide>) => (d.kind === 'join' ? d.similarity : d.rejected[0]!.similarity);
    expect(scoreOf(sameDay)).toBeGreaterThan(scoreOf(otherDay));
  });

  it('keeps the rise and the fall of the same figure apart when the numbers agree', () => {
    const up = { title: 'Giá xăng tăng mạnh từ chiều nay', summary: 'Giá xăng RON95 tăng theo kỳ điều hành mới của liên bộ.' };
    const down = { title: 'Giá xăng giảm mạnh từ chiều nay', summary: 'Giá xăng RON95 giảm theo kỳ điều hành mới của liên bộ.' };
    expect(decide(down, [candidate(up)])).toMatchObject({ kind: 'new', rejected: [{ reason: 'direction' }] });
  });

  it("keeps the women's team apart from the men's team", () => {
    const men = { title: 'Đội tuyển Việt Nam thắng Thái Lan ở vòng loại', summary: 'Đội tuyển Việt Nam thắng Thái Lan trên sân Mỹ Đình, giữ ngôi đầu bảng vòng loại.' };
    const women = { title: 'Đội tuyển nữ Việt Nam thắng Thái Lan ở vòng loại', summary: 'Đội tuyển nữ Việt Nam thắng Thái Lan trên sân Mỹ Đình, giữ ngôi đầu bảng vòng loại.' };
    expect(decide(women, [candidate(men)])).toMatchObject({ kind: 'new', rejected: [{ reason: 'team' }] });
  });

  it('does not join outside the window, even with identical text', () => {
    const text = { title: release.title, summary: release.summary };
    expect(decide(text, [candidate(text)], 2, hours(73)).kind).toBe('new');
    expect(decide(text, [candidate(text)], 2, hours(71)).kind).toBe('join');
  });

  it('does not stretch a story beyond the window from its first item', () => {
    const text = { title: release.title, summary: release.summary };
    const late = candidate(text, { publishedAt: hours(60), storyFirstSeenAt: monday });
    expect(decide(text, [late], 2, hours(80)).kind).toBe('new');
  });

  it("keeps one source's look-alike briefs apart unless nearly identical", () => {
    const brief = { title: 'Bản tin thời tiết sáng nay miền Bắc rét', summary: 'Miền Bắc rét đậm, vùng núi có nơi dưới 10 độ, Hà Nội mưa phùn.' };
    const next = { title: 'Bản tin thời tiết chiều nay miền Bắc rét', summary: 'Miền Bắc rét đậm, vùng núi có nơi dưới 8 độ, Hà Nội mưa phùn và gió.' };
    expect(decide(next, [candidate(brief, { sourceId: 2 })], 2).kind).toBe('new');
    expect(decide(next, [candidate(brief, { sourceId: 1 })], 2).kind).toBe('join');
  });

  it('does not join short unrelated texts that share one word, even an hour apart', () => {
    const a = { title: 'two ends and bold', summary: '' };
    const b = { title: 'vne tie b bold', summary: '' };
    expect(decide(b, [candidate(a)], 2, hours(1)).kind).toBe('new');
    const storm = { title: 'Hà Nội mưa to, nhiều tuyến phố ngập', summary: 'Mưa lớn từ chiều khiến nhiều tuyến phố Hà Nội ngập sâu.' };
    const metro = { title: 'Hà Nội khởi công tuyến metro số 5', summary: 'Tuyến metro số 5 dài 39 km nối trung tâm Hà Nội với Hòa Lạc.' };
    expect(decide(metro, [candidate(storm)], 2, hours(1)).kind).toBe('new');
  });

  it('never joins on empty or one-word text', () => {
    expect(decide({ title: '', summary: '' }, [candidate({ title: '', summary: '' })]).kind).toBe('new');
    expect(decide({ title: 'Video', summary: '' }, [candidate({ title: 'Video', summary: '' })]).kind).toBe('new');
  });

  it('handles English and mixed text without gluing different stories', () => {
    const a = { title: 'Hanoi, after the war began', summary: 'A photo essay about the city in 1946.' };
    const b = { title: 'Hanoi metro line opens to passengers', summary: 'The elevated line carries commuters from the west of the city.' };
    expect(decide(b, [candidate(a)]).kind).toBe('new');
    expect(decide({ ...a, title: `${a.title} - VnExpress International` }, [candidate(a)]).kind).toBe('join');
  });

  it('picks the same story whatever order the candidates come in', () => {
    const c1 = candidate(release, { itemId: 1, storyId: 10 });
    const c2 = candidate(release, { itemId: 2, storyId: 11 });
    expect(decide(release, [c1, c2])).toEqual(decide(release, [c2, c1]));
  });
});
