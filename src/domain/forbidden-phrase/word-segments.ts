import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { normalizeForMatching } from '../../core/text/normalize';

/** Spaces, punctuation and symbols: never part of a word. */
const NOISE = /^[\s\p{P}\p{S}]+$/u;

let jieba: Jieba | undefined;
/** The segmenter with jieba's dictionary, loaded once per process (about 0.2 s), on first use. */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/**
 * A text as words: folded (full width, traditional script and case as in normalizeForMatching),
 * cut into words by jieba, spaces and punctuation dropped. `compact` is the words run together;
 * `starts` and `ends` are where words begin and end in it, so a phrase can be matched on word
 * boundaries only: 快点说 does not match 我尽快点说明 (我/尽快/点/说明).
 */
export interface WordSegments {
  compact: string;
  starts: Set<number>;
  ends: Set<number>;
  /** For each position of `compact`, where the word holding it ends. */
  wordEnd: number[];
}

export function segmentWords(text: string): WordSegments {
  const words = segmenter()
    .cut(normalizeForMatching(text), true)
    .filter((w) => w && !NOISE.test(w));
  const starts = new Set<number>();
  const ends = new Set<number>();
  const wordEnd: number[] = [];
  let compact = '';
  for (const w of words) {
    starts.add(compact.length);
    compact += w;
    ends.add(compact.length);
    for (let i = 0; i < w.length; i++) wordEnd.push(compact.length);
  }
  return { compact, starts, ends, wordEnd };
}

/** Loads the dictionary now (at start), so the first check of a reply does not wait for it. */
export function warmUpSegmenter(): void {
  segmenter();
}
