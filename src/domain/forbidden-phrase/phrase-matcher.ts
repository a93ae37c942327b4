import { phraseKey } from './phrase-key';
import { segmentWords, type WordSegments } from './word-segments';

/** A phrase to look for, with the longer words that contain it and are allowed. */
export interface MatcherEntry<T> {
  phrase: string;
  exceptions?: readonly string[];
  value: T;
}

/**
 * A sentence-final particle jieba may glue to the last word (这/都/不/懂吗): the phrase still ends
 * on a word boundary in meaning. An English plural likewise (idiot → idiots).
 */
const TRAILING = /^(?:[吗呢吧啊呀嘛啦哦哈么了]+|e?s)$/u;

function endsOnWord(s: WordSegments, end: number): boolean {
  if (s.ends.has(end)) return true;
  const wordEnd = s.wordEnd[end - 1];
  return wordEnd !== undefined && TRAILING.test(s.compact.slice(end, wordEnd));
}

/** Every [start, end) where `key` occurs in the compact text. */
function occurrences(compact: string, key: string): [number, number][] {
  const found: [number, number][] = [];
  for (let at = compact.indexOf(key); at >= 0; at = compact.indexOf(key, at + 1)) found.push([at, at + key.length]);
  return found;
}

/**
 * Finds phrases in texts on word boundaries, in any script or width: "请问老人有没有神经病史" does
 * not contain the insult 神经病 when 神经病史 is one of its exceptions, and 我尽快点说明 does not
 * contain 快点说. Build once per list of phrases; `find` segments the text once per call.
 */
export class PhraseMatcher<T> {
  private readonly entries: { key: string; exceptions: string[]; value: T }[];

  constructor(entries: MatcherEntry<T>[]) {
    this.entries = entries
      .map((e) => ({ key: phraseKey(e.phrase), exceptions: (e.exceptions ?? []).map(phraseKey).filter(Boolean), value: e.value }))
      .filter((e) => e.key);
  }

  /** The values of the phrases found in `text`, in the order of the list. */
  find(text: string): T[] {
    if (!this.entries.length) return [];
    const s = segmentWords(text);
    if (!s.compact) return [];
    return this.entries.filter((e) => this.occursIn(s, e)).map((e) => e.value);
  }

  private occursIn(s: WordSegments, e: { key: string; exceptions: string[] }): boolean {
    const allowed = e.exceptions.flatMap((x) => occurrences(s.compact, x));
    return occurrences(s.compact, e.key).some(
      ([start, end]) => s.starts.has(start) && endsOnWord(s, end) && !allowed.some(([from, to]) => from <= start && end <= to),
    );
  }
}
