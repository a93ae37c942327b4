import { normalizeForMatching } from '../core/text/normalize';
import type { SmallTalkEntry } from './knowledge-data';

// Softeners and punctuation that do not change what is said: "在吗~", "谢谢啦!!", "hi there :)".
const SOFT = /[\p{P}\p{S}\s]+|[啊呀吧呢哦噢喔嘛啦咯哟哈滴]+$/gu;
const EN_SOFT = /\b(there|guys|again|so much|very much|a lot|please|pls)\b/g;

/** What small talk found: the entries said, in order, and what is left of the message. */
export interface SmallTalkMatch {
  entries: SmallTalkEntry[];
  /** The rest of the message after a leading greeting ("你好，请问包邮吗" → "请问包邮吗"), or ''. */
  rest: string;
}

/**
 * Small talk (你好, 在吗, 谢谢, 你是机器人吗, bye), matched on the whole message after folding
 * script, case, punctuation, particles and repeats ("在吗在吗"). Several phrases in a row are all
 * answered ("好的谢谢"); a greeting before a question leaves the question for the rest of the turn.
 */
export class SmallTalk {
  private readonly phrases: { key: string; entry: SmallTalkEntry }[] = [];

  constructor(entries: SmallTalkEntry[]) {
    for (const entry of entries) for (const p of entry.phrases) this.phrases.push({ key: fold(p), entry });
    // Longest first, so "你是机器人吗" is not read as "你" + …
    this.phrases.sort((a, b) => b.key.length - a.key.length);
  }

  match(text: string): SmallTalkMatch | undefined {
    const folded = fold(text);
    if (!folded) return undefined;
    const whole = this.cover(folded, 0);
    if (whole) return { entries: unique(whole), rest: '' };
    // A greeting before other words ("你好，请问包邮吗"): the rest is the message.
    const lead = this.phrases.find((p) => p.entry.greeting && folded.startsWith(p.key));
    if (!lead) return undefined;
    return { entries: [lead.entry], rest: restOf(text, 1) };
  }

  /** The phrases that together are the whole text ("好谢谢你" = 好 + 谢谢你), or undefined. */
  private cover(text: string, depth: number): SmallTalkEntry[] | undefined {
    if (!text) return [];
    if (depth > 5) return undefined;
    for (const p of this.phrases) {
      if (!p.key || !text.startsWith(p.key)) continue;
      const rest = this.cover(text.slice(p.key.length), depth + 1);
      if (rest) return [p.entry, ...rest];
    }
    return undefined;
  }
}

function unique(entries: SmallTalkEntry[]): SmallTalkEntry[] {
  return entries.filter((e, i) => entries.indexOf(e) === i);
}

function fold(text: string): string {
  let n = normalizeForMatching(text).replace(EN_SOFT, ' ');
  n = n.replace(SOFT, '');
  // "在吗在吗", "哈哈哈": a repeated phrase says it once.
  return n.replace(/(.{1,4}?)\1+/gu, '$1');
}

/** The original words after the first `count` clauses (a greeting), for the rest of the turn. */
function restOf(text: string, count: number): string {
  const parts = text.trim().split(/[,，。!！~～\s]+/u).filter(Boolean);
  return parts.slice(count).join(' ') || text;
}
