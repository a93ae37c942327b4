import { parseInteger } from './numerals';

// Decorations around an option number: "第2个", "选1", "2号", "No. 3", "#1", "option 2", "2."
const PREFIX = /^(?:第|选择?|选项|要|no\.?\s*|#|option\s*|number\s*|the\s+)/i;
const SUFFIX = /\s*(?:个|個|项|項|条|條|号|號|种|種|款|吧|啊|呀|的|one|option)?\s*[.。、,，)\]!！~]*$/i;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const CARDINALS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/**
 * The 1-based option number a customer typed instead of pressing a button: "1", "１", "①", "一",
 * "第一个", "选2", "2号", "No. 3", "the second one", "option 2". Undefined when the text is more
 * than a number (then it is an answer in words). Input: NFKC-folded, lower-case, simplified.
 */
export function parseOptionNumber(text: string): number | undefined {
  const bare = text.normalize('NFKC').toLowerCase().trim().replace(PREFIX, '').replace(SUFFIX, '').trim();
  if (!bare) return undefined;
  const english = ORDINALS.indexOf(bare) + 1 || CARDINALS.indexOf(bare) + 1;
  if (english) return english;
  if (!/^(?:\d{1,2}|[零〇一二两兩三四五六七八九十]{1,3})$/.test(bare)) return undefined;
  const n = parseInteger(bare);
  return n !== undefined && n > 0 ? n : undefined;
}
