import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { normalizeForMatching } from '../core/text/normalize';

/*
 * Words that carry no topic: particles, pronouns, politeness, question words. Questions are
 * matched on what they are about ("发票", "几点", "包邮"), not on how they are asked.
 */
const STOP = new Set([
  '的', '了', '吗', '呢', '啊', '吧', '呀', '哦', '嘛', '么', '啦', '哈', '呗', '嗯', '我', '你', '您', '你们', '您们', '我们', '咱们', '他', '她', '它',
  '是', '在', '和', '与', '就', '都', '也', '还', '要', '想', '请问', '请', '一下', '那', '这', '这个', '那个', '个', '能', '可以', '会', '吗', '怎么',
  '什么', '如何', '怎样', '一个', '有', '没有', '有没有', '给', '让', '把', '被', '对', '从', '到', '用', '过', '着', '又', '再', '很', '太', '好', '家', '里',
  '还是', '只能', '只', '查', '查一下', '查下', '是不是', '一般', '大概', '问问', '想问', '问一下', '一下下', '那么', '就是', '其实', '现在', '这边', '那边的', '麻烦', '您好', '你好', '谢谢',
  'a', 'an', 'the', 'is', 'are', 'am', 'was', 'be', 'do', 'does', 'did', 'you', 'your', 'i', 'me', 'my', 'we', 'our', 'us', 'it', 'its', 'to', 'of', 'for',
  'in', 'on', 'at', 'can', 'could', 'will', 'would', 'should', 'what', 'how', 'which', 'any', 'there', 'this', 'that', 'and', 'or', 'if', 'with', 'please',
  'hi', 'hello', 'get', 'have', 'has', 'need', 'want', 'like', 'know', 'tell', 'about', 'much', 'many', 'so', 'just', 'some', 'from', 'by', 'as', 'be',
  'provide', 'offer', 'give', 'use', 'possible', 'also', 'any', 'there', 'am', 'been', 'they', 'them', 'their', 'he', 'she', 'her', 'his',
]);

let jieba: Jieba | undefined;

/** The dictionary is read once per process (~200 ms), on first use at start, never per message. */
function cutter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Loads the dictionary now (at start), so the first customer does not wait for it. */
export function warmUpSegmenter(): void {
  cutter();
}

/** English words to a base form good enough for matching: "couriers" → "courier", "shipping" → "ship". */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3).replace(/(.)\1$/, '$1');
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * The terms of a text for search: normalised (simplified, lower case, half-width), Chinese cut
 * by jieba in search mode (words and their parts: 健康证 → 健康, 健康证), English split into
 * stemmed words, stop words removed.
 */
export function segment(text: string): string[] {
  const n = normalizeForMatching(text).replace(/['’]/g, '');
  const terms: string[] = [];
  for (const token of cutter().cutForSearch(n, true)) {
    const t = token.trim();
    if (!t || /^[\p{P}\p{S}\s]+$/u.test(t)) continue;
    if (/^[a-z]+$/.test(t)) {
      if (!STOP.has(t)) terms.push(stem(t));
    } else if (!STOP.has(t)) {
      terms.push(t);
    }
  }
  return terms;
}
