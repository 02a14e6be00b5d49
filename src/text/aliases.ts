// Names and terms Vietnamese outlets write both in full and as an abbreviation ("Ủy ban nhân dân" / "UBND",
// "Thành phố Hồ Chí Minh" / "TP.HCM", "Tổ chức Y tế Thế giới" / "WHO"). Two rewrites of one story that pick different
// forms share nothing on those words; contracting every form to one token lets story comparison see the agreement.
// Forms are folded syllables; each line is the canonical token followed by its other forms.

const ALIAS_GROUPS: string[][] = [
  ['tphcm', 'thanh pho ho chi minh', 'tp ho chi minh', 'tp hcm'],
  ['ubnd', 'uy ban nhan dan'],
  ['hdnd', 'hoi dong nhan dan'],
  ['tand', 'toa an nhan dan'],
  ['vksnd', 'vien kiem sat nhan dan'],
  ['nsnd', 'nghe si nhan dan'],
  ['nsut', 'nghe si uu tu'],
  ['thpt', 'trung hoc pho thong'],
  ['thcs', 'trung hoc co so'],
  ['dh', 'dai hoc'],
  ['gddt', 'giao duc va dao tao', 'gd dt'],
  ['nhnn', 'ngan hang nha nuoc'],
  ['hlv', 'huan luyen vien'],
  ['clb', 'cau lac bo'],
  ['bv', 'benh vien'],
  ['lhq', 'lien hop quoc'],
  ['my', 'hoa ki'],
  ['bhxh', 'bao hiem xa hoi'],
  ['bhyt', 'bao hiem y te'],
  ['dbscl', 'dong bang song cuu long'],
  ['kcn', 'khu cong nghiep'],
  ['who', 'to chuc y te the gioi'],
  ['fed', 'cuc du tru lien bang'],
  ['eu', 'lien minh chau au'],
  ['imf', 'quy tien te quoc te'],
  ['wb', 'ngan hang the gioi'],
  ['gdp', 'tong san pham trong nuoc'],
  ['cpi', 'chi so gia tieu dung'],
  ['fdi', 'dau tu truc tiep nuoc ngoai'],
  ['bds', 'bat dong san'],
  ['hcv', 'huy chuong vang'],
  ['hcb', 'huy chuong bac'],
  ['hcd', 'huy chuong dong'],
  ['ttxvn', 'thong tan xa viet nam'],
  ['dbqh', 'dai bieu quoc hoi'],
  ['csgt', 'canh sat giao thong'],
  ['pccc', 'phong chay chua chay'],
  ['atgt', 'an toan giao thong'],
  ['ttck', 'thi truong chung khoan'],
  ['ai', 'tri tue nhan tao'],
  ['gso', 'tong cuc thong ke', 'cuc thong ke'],
  ['vn', 'viet nam'],
  ['hdqt', 'hoi dong quan tri'],
  ['dhdcd', 'dai hoi dong co dong'],
  ['ubcknn', 'uy ban chung khoan nha nuoc'],
  ['nhtm', 'ngan hang thuong mai'],
  ['dnnn', 'doanh nghiep nha nuoc'],
  ['mttq', 'mat tran to quoc'],
  ['tngt', 'tai nan giao thong'],
  ['ql', 'quoc lo'],
  ['kttv', 'khi tuong thuy van'],
  ['gtvt', 'giao thong van tai', 'gt vt'],
  ['tnmt', 'tai nguyen va moi truong', 'tn mt'],
  ['nnptnt', 'nong nghiep va phat trien nong thon', 'nn ptnt'],
  ['nnmt', 'nong nghiep va moi truong', 'nn mt'],
  ['ldtbxh', 'lao dong thuong binh va xa hoi', 'ld tb xh'],
  ['khcn', 'khoa hoc va cong nghe', 'kh cn'],
  ['vhttdl', 'van hoa the thao va du lich', 'vh tt dl'],
  ['tttt', 'thong tin va truyen thong', 'tt tt'],
  ['khdt', 'ke hoach va dau tu', 'kh dt'],
  ['vff', 'lien doan bong da viet nam'],
  ['nxb', 'nha xuat ban'],
  ['pgs', 'pho giao su'],
  ['gs', 'giao su'],
  ['ts', 'tien si'],
  ['ths', 'thac si'],
  ['bs', 'bac si'],
  ['btc', 'ban to chuc'],
  ['wto', 'to chuc thuong mai the gioi'],
  ['asean', 'hiep hoi cac quoc gia dong nam a'],
];

interface AliasForm {
  tokens: string[];
  canonical: string;
}

// Longest forms first, so "tp ho chi minh" wins over any shorter form starting at the same syllable.
const FORMS: AliasForm[] = ALIAS_GROUPS.flatMap(([canonical, ...forms]) =>
  forms.map((form) => ({ tokens: form.split(' '), canonical: canonical! })),
).sort((a, b) => b.tokens.length - a.tokens.length);
const FORMS_BY_FIRST = new Map<string, AliasForm[]>();
for (const form of FORMS) FORMS_BY_FIRST.set(form.tokens[0]!, [...(FORMS_BY_FIRST.get(form.tokens[0]!) ?? []), form]);

/** Folded syllables with every known long form of a name or term replaced by its one canonical token. */
export function contractAliases(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const form = (FORMS_BY_FIRST.get(tokens[i]!) ?? []).find((f) => f.tokens.every((t, k) => tokens[i + k] === t));
    if (form) {
      out.push(form.canonical);
      i += form.tokens.length;
    } else {
      out.push(tokens[i]!);
      i += 1;
    }
  }
  return out;
}
