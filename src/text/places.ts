// Vietnam's provinces and centrally-run cities, as a title names them. Two reports whose titles each name a province
// the other text never mentions are about two places: the first school day after Tết in Hà Nội and in TP.HCM, a
// provincial chairman elected in Gia Lai and another in Nghệ An. Names are read from the title's proper names
// (text/names.ts), so "hòa bình" (peace) is not the province Hòa Bình. Folded, a person named Huệ reads as Huế: the
// veto then needs the other title to name a place as well and neither text to mention the other's, which on the
// labeled sets never kept a true pair apart (round 9 of bench/eval/README.md).

/** Folded names, one line per place: its usual name first, then other ways of writing it. The 63 provinces before
 * the 2025 merger are kept: feeds and archives still name them, and a merged province's old name still says where. */
const PLACES: readonly (readonly string[])[] = [
  ['ha noi'],
  ['tphcm', 'sai gon'],
  ['hai phong'],
  ['da nang'],
  ['can tho'],
  ['hue', 'thua thien hue'],
  ['an giang'],
  ['ba ria vung tau', 'vung tau'],
  ['bac giang'],
  ['bac kan'],
  ['bac lieu'],
  ['bac ninh'],
  ['ben tre'],
  ['binh dinh'],
  ['binh duong'],
  ['binh phuoc'],
  ['binh thuan'],
  ['ca mau'],
  ['cao bang'],
  ['dak lak'],
  ['dak nong'],
  ['dien bien'],
  ['dong nai'],
  ['dong thap'],
  ['gia lai'],
  ['ha giang'],
  ['ha nam'],
  ['ha tinh'],
  ['hai duong'],
  ['hau giang'],
  ['hoa binh'],
  ['hung yen'],
  ['khanh hoa'],
  ['kien giang'],
  ['kon tum'],
  ['lai chau'],
  ['lam dong'],
  ['lang son'],
  ['lao cai'],
  ['long an'],
  ['nam dinh'],
  ['nghe an'],
  ['ninh binh'],
  ['ninh thuan'],
  ['phu tho'],
  ['phu yen'],
  ['quang binh'],
  ['quang nam'],
  ['quang ngai'],
  ['quang ninh'],
  ['quang tri'],
  ['soc trang'],
  ['son la'],
  ['tay ninh'],
  ['thai binh'],
  ['thai nguyen'],
  ['thanh hoa'],
  ['tien giang'],
  ['tra vinh'],
  ['tuyen quang'],
  ['vinh long'],
  ['vinh phuc'],
  ['yen bai'],
];

/** The places (each by its usual name) that some proper name of a title contains as whole syllables. */
export function findTitlePlaces(names: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const name of names) {
    const padded = ` ${name} `;
    for (const variants of PLACES) if (variants.some((v) => padded.includes(` ${v} `))) found.add(variants[0]!);
  }
  return found;
}

/** Whether a folded, padded text (" ... ") mentions the place anywhere, in any of its names. */
export function mentionsPlace(paddedText: string, place: string): boolean {
  const variants = PLACES.find((p) => p[0] === place) ?? [place];
  return variants.some((v) => paddedText.includes(` ${v} `));
}
