import type { Locale } from '../message';
import { toSimplified, toTraditional } from './chinese-script';

const HAN = /\p{Script=Han}/u;
const LATIN_LETTER = /\p{Script=Latin}/gu;
// Kana or Hangul beside Han means Japanese or Korean, which we do not serve: better no guess.
const OTHER_CJK = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** How many characters a conversion changed (compared code point by code point). */
function changedCount(before: string, after: string): number {
  const a = Array.from(before);
  const b = Array.from(after);
  // Phrase conversions rarely change the length; then we only know that something changed.
  if (a.length !== b.length) return before === after ? 0 : 1;
  return a.reduce((n, ch, i) => (ch === b[i] ? n : n + 1), 0);
}

/**
 * Guesses the customer's locale from what they wrote.
 * Han text: 'zh-TW' when at least as many characters change on conversion to simplified as on
 * conversion to traditional, 'zh-CN' when fewer do. Text with no Han and at least two Latin letters: 'en'.
 * Undefined when the text cannot tell: characters common to both scripts ('你好', '好的'),
 * digits, emoji, a single letter, or Japanese/Korean.
 */
export function detectLocale(text: string): Locale | undefined {
  const folded = text.normalize('NFKC');
  if (OTHER_CJK.test(folded)) return undefined;
  if (HAN.test(folded)) {
    const traditional = changedCount(folded, toSimplified(folded));
    const simplified = changedCount(folded, toTraditional(folded));
    if (traditional === 0 && simplified === 0) return undefined;
    // On a tie the traditional evidence weighs more: several characters the converter "turns
    // traditional" are everyday traditional characters too (台, 只, 干…), so '台灣' is zh-TW.
    return traditional >= simplified ? 'zh-TW' : 'zh-CN';
  }
  return (folded.match(LATIN_LETTER)?.length ?? 0) >= 2 ? 'en' : undefined;
}

// Regions whose Chinese is written in traditional characters.
const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/**
 * Maps a platform's language hint (BCP 47 or POSIX style: 'zh', 'zh-Hans', 'zh_CN', 'zh-HK',
 * 'zh-Hant-TW', 'en-US', 'en_GB'…) to our Locale. A script subtag wins over the region
 * ('zh-Hans-HK' is zh-CN); plain 'zh' is zh-CN; Cantonese ('yue') is zh-TW; other languages and
 * empty hints give undefined.
 */
export function toLocale(hint: string | undefined | null): Locale | undefined {
  if (!hint) return undefined;
  // 'zh_CN.UTF-8' → ['zh', 'cn']: drop a POSIX encoding, accept '_' as separator.
  const [language, ...rest] = hint.trim().toLowerCase().split('.')[0].split(/[-_]/);
  if (language === 'en') return 'en';
  if (language === 'yue') return 'zh-TW';
  if (language !== 'zh') return undefined;
  if (rest.includes('hant')) return 'zh-TW';
  if (rest.includes('hans')) return 'zh-CN';
  return rest.some((subtag) => TRADITIONAL_REGIONS.has(subtag)) ? 'zh-TW' : 'zh-CN';
}
