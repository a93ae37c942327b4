import type { Locale } from '../message';

const COMPOUND_SURNAMES = new Set(['欧阳', '歐陽', '司马', '司馬', '诸葛', '諸葛', '上官', '东方', '東方', '皇甫', '令狐', '慕容', '尉迟', '尉遲', '长孙', '長孫', '司徒', '夏侯', '公孙', '公孫']);
const TITLED = /^(\p{Script=Han}{1,2}?)(先生|女士|小姐|太太|夫人)$/u;
const EN_TITLED = /^(?:mr|mrs|ms|miss|mister)\.?\s+(.+)$/i;

/**
 * The surname for "张先生 / Mr Smith": a Chinese name's first character (or a compound surname),
 * "陈" of "陈女士", a Latin name's last word. Undefined when there is no name.
 */
export function surnameOf(name: string | undefined, locale: Locale): string | undefined {
  void locale;
  const n = name?.trim();
  if (!n) return undefined;
  const titled = TITLED.exec(n);
  if (titled) return titled[1];
  const en = EN_TITLED.exec(n);
  if (en) return en[1].split(/\s+/).pop();
  if (/^\p{Script=Han}{2,4}$/u.test(n)) return COMPOUND_SURNAMES.has(n.slice(0, 2)) && n.length > 2 ? n.slice(0, 2) : n[0];
  if (/\p{Script=Han}/u.test(n)) return n;
  const words = n.split(/\s+/);
  return words[words.length - 1];
}
