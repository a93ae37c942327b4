import Nzh from 'nzh';

// Financial (大写) and traditional numeral characters, and the spoken 两/俩/幺, folded to the
// plain simplified digits nzh's decoder reads. Done here rather than through OpenCC, which turns
// 參 into 参 (not 叁) and knows nothing of 两 meaning two.
const FOLD: Record<string, string> = {
  〇: '零', 壹: '一', 幺: '一', 贰: '二', 貳: '二', 两: '二', 兩: '二', 俩: '二', 倆: '二',
  叁: '三', 參: '三', 肆: '四', 伍: '五', 陆: '六', 陸: '六', 柒: '七', 捌: '八', 玖: '九',
  拾: '十', 佰: '百', 仟: '千', 萬: '万', 億: '亿',
};
const FOLDABLE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'g');
const HAN_NUMERAL = /[零一二三四五六七八九十百千万亿]+/g;
const DIGITS_ONLY = /^[零一二三四五六七八九]+$/;
const WHOLE_HAN_NUMERAL = /^[零一二三四五六七八九十百千万亿]+$/;
// Arabic digits; a sign, decimal point or thousands separator beside them is examined below.
const ARABIC = /[-+]?\d+(?:[.,]\d+)*/g;
// '一百五' means 150 and '三千二' 3200 when a digit directly follows a unit (no 零 between).
const ELLIPTIC_TAIL = /([百千万])([一二三四五六七八九])$/;
const NEXT_UNIT: Record<string, string> = { 百: '十', 千: '百', 万: '千' };
// Words where 一/十/万/千 are not a number ('一些' some, '十分' very, '万一' in case…), unless
// they sit inside a longer numeral ('一万一千', '一千万', '五十分'); and ordinals ('第二个').
const NOT_NUMBERS =
  /(?<![零一二三四五六七八九十百千万亿])(?:一些|一点|一下|一起|一样|一直|一定|一般|一会|万一|千万|十分|统一|唯一)(?![零一二三四五六七八九十百千万亿])|第[零一二三四五六七八九十百千万亿\d]+/g;
const ENGLISH = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
];
const ENGLISH_WORD = new RegExp(`\\b(?:${ENGLISH.join('|')}|a dozen)\\b`, 'g');

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(FOLDABLE, (ch) => FOLD[ch]);
}

/**
 * A run of simplified Han numerals → its value ('十二' 12, '一百零五' 105, '一百五' 150, '一二三'
 * 123 read digit by digit). nzh decodes malformed runs too ('十十' → 100), so the value is
 * accepted only if writing it back gives the run (with or without the leading 一 of '一十二').
 */
function decodeHan(run: string): number | undefined {
  if (DIGITS_ONLY.test(run)) return Number(Nzh.cn.decodeS(run));
  const spoken = run.replace(ELLIPTIC_TAIL, (_, unit: string, digit: string) => `${unit}${digit}${NEXT_UNIT[unit]}`);
  const value = Number(Nzh.cn.decodeS(spoken));
  if (!Number.isSafeInteger(value)) return undefined;
  const written = [Nzh.cn.encodeS(value), Nzh.cn.encodeS(value, { tenMin: false })];
  return written.includes(spoken) || written.includes(`一${spoken}`) ? value : undefined;
}

function decodeArabic(token: string): number | undefined {
  // A sign or a fraction is not a count we may act on; '1,000' is a thousands separator.
  if (/^[-+]/.test(token) || token.includes('.')) return undefined;
  if (token.includes(',') && !/^\d{1,3}(?:,\d{3})+$/.test(token)) return undefined;
  const value = Number(token.replace(/,/g, ''));
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Every number written in the text, in any of the accepted notations; undefined entries are unreadable. */
function numbersIn(text: string): (number | undefined)[] {
  const folded = fold(text).replace(NOT_NUMBERS, ' ');
  return [
    ...Array.from(folded.matchAll(ARABIC), (m) => decodeArabic(m[0])),
    ...Array.from(folded.matchAll(HAN_NUMERAL), (m) => decodeHan(m[0])),
    ...Array.from(folded.matchAll(ENGLISH_WORD), (m) => (m[0] === 'a dozen' ? 12 : ENGLISH.indexOf(m[0]))),
  ];
}

/**
 * The quantity a customer answered, picked out of a phrase: '两瓶' 2, '要三箱' 3, '十二瓶吧' 12,
 * '一百零五' 105, '壹贰叁' 123, '３箱' 3, 'I want 3 bottles' 3, 'three' 3 (English one…twenty).
 * Undefined unless exactly one positive integer is found: none, zero, negative, decimal, or two
 * different numbers ('2或3箱') are left for the conversation to ask again.
 */
export function parseQuantity(text: string): number | undefined {
  const found = numbersIn(text);
  if (found.length === 0 || found.some((n) => n === undefined)) return undefined;
  const distinct = new Set(found);
  const [value] = distinct;
  return distinct.size === 1 && value !== undefined && value > 0 ? value : undefined;
}

/**
 * A text that is nothing but one non-negative integer, in Arabic, full-width or Chinese numerals
 * ('3', '３', '三', '十二', '兩', '零'); surrounding spaces allowed. For menu choices and similar
 * strict inputs, where '我要3' should not count. Undefined otherwise.
 */
export function parseInteger(text: string): number | undefined {
  const folded = fold(text).trim();
  if (/^\d+$/.test(folded)) return decodeArabic(folded);
  return WHOLE_HAN_NUMERAL.test(folded) ? decodeHan(folded) : undefined;
}
