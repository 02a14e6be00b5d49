// Section names as Vietnamese feeds write them ("Thời sự", "Kinh doanh", "Thể thao > Bóng đá") mapped to topics.
import { foldText } from '../text/fold.js';

// Folded section name → default topic key. "Thời sự" goes to xa-hoi: at VnExpress, Tuổi Trẻ and Dân trí the
// section is mostly traffic, weather, disasters and daily life; political news has its own "Chính trị" section.
const DEFAULT_CATEGORY_MAP: Record<string, string> = {
  'chinh tri': 'chinh-tri', 'chinh phu': 'chinh-tri', 'quoc hoi': 'chinh-tri', 'doi ngoai': 'chinh-tri', 'xay dung dang': 'chinh-tri',
  'kinh doanh': 'kinh-te', 'kinh te': 'kinh-te', 'tai chinh': 'kinh-te', 'chung khoan': 'kinh-te', 'bat dong san': 'kinh-te',
  'thi truong': 'kinh-te', 'doanh nghiep': 'kinh-te', 'tai chinh ngan hang': 'kinh-te', 'ngan hang': 'kinh-te', 'tieu dung': 'kinh-te',
  'phap luat': 'phap-luat', 'an ninh trat tu': 'phap-luat', 'hinh su': 'phap-luat', 'ho so pha an': 'phap-luat', 'phap dinh': 'phap-luat',
  'thoi su': 'xa-hoi', 'xa hoi': 'xa-hoi', 'dan sinh': 'xa-hoi', 'doi song': 'xa-hoi', 'giao thong': 'xa-hoi', 'moi truong': 'xa-hoi', 'do thi': 'xa-hoi',
  'the gioi': 'the-gioi', 'quoc te': 'the-gioi', 'tin the gioi': 'the-gioi',
  'giao duc': 'giao-duc', 'tuyen sinh': 'giao-duc', 'du hoc': 'giao-duc', 'giao duc khuyen hoc': 'giao-duc',
  'suc khoe': 'suc-khoe', 'y te': 'suc-khoe', 'suc khoe doi song': 'suc-khoe',
  'van hoa': 'van-hoa', 'giai tri': 'van-hoa', 'van hoa giai tri': 'van-hoa', 'van hoa nghe thuat': 'van-hoa', 'du lich': 'van-hoa',
  'the thao': 'the-thao', 'bong da': 'the-thao', 'bong da viet nam': 'the-thao', 'bong da quoc te': 'the-thao',
  'cong nghe': 'cong-nghe', 'so hoa': 'cong-nghe', 'khoa hoc cong nghe': 'cong-nghe', 'suc manh so': 'cong-nghe',
  'nhip song so': 'cong-nghe', 'chuyen doi so': 'cong-nghe', 'khoa hoc': 'cong-nghe', 'cong nghe game': 'cong-nghe',
};

/** A category map with folded keys: the built-in Vietnamese map, overridden by the config's `categoryMap`. */
export function buildCategoryMap(configMap: Record<string, string> = {}): Map<string, string> {
  const map = new Map(Object.entries(DEFAULT_CATEGORY_MAP));
  for (const [name, topic] of Object.entries(configMap)) map.set(foldCategory(name), topic);
  return map;
}

/** Topics the item's categories map to, with the category that gave each (first match wins per topic). */
export function mapCategories(categories: string[], map: Map<string, string>): { topic: string; category: string }[] {
  const found = new Map<string, string>();
  for (const category of categories) {
    for (const name of splitCategoryPath(category)) {
      const topic = map.get(foldCategory(name));
      if (topic && !found.has(topic)) found.set(topic, category);
    }
  }
  return [...found].map(([topic, category]) => ({ topic, category }));
}

// "Thể thao > Bóng đá" and "the-thao/bong-da" name the section and its parent; both count.
function splitCategoryPath(category: string): string[] {
  return [category, ...category.split(/\s*[>/»|]\s*/)].filter((part) => part.trim().length > 0);
}

function foldCategory(name: string): string {
  return foldText(name).replace(/[-_]+/g, ' ').replace(/[^a-z0-9 ]/g, '').replace(/\s+/g, ' ').trim();
}
