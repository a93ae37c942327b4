import type { Locale } from '../core/message';

const COMPOUND_SURNAMES = new Set(['欧阳', '歐陽', '司马', '司馬', '诸葛', '諸葛', '上官', '东方', '東方', '皇甫', '令狐', '慕容', '尉迟', '尉遲', '长孙', '長孫', '司徒', '夏侯', '公孙', '公孫']);

/**
 * The surname for "张先生 / Mr Smith": a Chinese name's first character (or a compound surname),
 * a Latin name's last word. Undefined when there is no name.
 */
export function surnameOf(name: string | undefined, locale: Locale): string | undefined {
  const n = name?.trim();
  if (!n) return undefined;
  if (/^\p{Script=Han}{2,4}$/u.test(n)) return COMPOUND_SURNAMES.has(n.slice(0, 2)) && n.length > 2 ? n.slice(0, 2) : n[0];
  if (/\p{Script=Han}/u.test(n)) return n;
  const words = n.split(/\s+/);
  return locale === 'en' ? words[words.length - 1] : words[words.length - 1];
}
