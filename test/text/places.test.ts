import { describe, expect, it } from 'vitest';
import { toComparable } from '../../src/stories/compare.js';
import { buildFingerprint } from '../../src/stories/fingerprint.js';
import { findTitlePlaces, mentionsPlace } from '../../src/text/places.js';

const placesOf = (title: string) => toComparable(buildFingerprint({ title, summary: '', url: null })).places;

describe('findTitlePlaces', () => {
  it('finds provinces and cities inside the proper names of a title, by their usual name', () => {
    expect([...placesOf('Khởi tố nguyên giám đốc sở ở Thanh Hóa')]).toEqual(['thanh hoa']);
    expect([...placesOf('TP.HCM: Hơn 2,5 triệu học sinh trở lại trường')]).toEqual(['tphcm']);
    expect([...placesOf('Đại Nội Huế dựng nêu đón Tết')]).toEqual(['hue']);
    expect([...placesOf('Mưa lớn ở Nghệ An và Hà Tĩnh')].sort()).toEqual(['ha tinh', 'nghe an']);
  });

  it('does not read a common word that spells a province as a place', () => {
    // "hòa bình" (peace) is written in lower case; only the capitalised Hòa Bình is the province.
    expect(placesOf('Việt Nam kêu gọi giải quyết tranh chấp bằng biện pháp hòa bình').size).toBe(0);
    expect([...placesOf('Sạt lở ở Hòa Bình sau mưa lớn')]).toEqual(['hoa binh']);
    expect(findTitlePlaces(['hoang thanh thang long'])).toEqual(new Set());
  });

  it('counts another way of writing a place as a mention of it', () => {
    expect(mentionsPlace(' hoc sinh sai gon tro lai truong ', 'tphcm')).toBe(true);
    expect(mentionsPlace(' tinh thua thien hue ', 'hue')).toBe(true);
    expect(mentionsPlace(' hue ', 'ha noi')).toBe(false);
  });
});
