import { toSimplified } from './chinese-script';

// Invisible characters some IMEs and WeChat insert; they would break exact matching.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const WHITESPACE = /\s+/g;

/**
 * Folds the ways customers type the same words into one form for keyword and intent matching:
 * NFKC (full-width ＨＵＭＡＮ, １２３, ？ and the ideographic space become ASCII), lower case,
 * traditional → simplified Chinese, whitespace collapsed to single spaces and trimmed.
 * Meant for comparing, not for display: keep the original text for the transcript.
 */
export function normalizeForMatching(text: string): string {
  const folded = text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase();
  return toSimplified(folded).replace(WHITESPACE, ' ').trim();
}
