import { toSimplified } from './chinese-script';

// Invisible characters some IMEs and WeChat insert; they would break exact matching.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const WHITESPACE = /\s+/g;
const CACHE_SIZE = 5000;
const CACHE = new Map<string, string>();

/**
 * Folds the ways customers type the same words into one form for keyword and intent matching:
 * NFKC (full-width ＨＵＭＡＮ, １２３, ？ and the ideographic space become ASCII), lower case,
 * traditional → simplified Chinese, whitespace collapsed to single spaces and trimmed.
 * Meant for comparing, not for display: keep the original text for the transcript.
 */
export function normalizeForMatching(text: string): string {
  const cached = CACHE.get(text);
  if (cached !== undefined) return cached;
  const folded = text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase();
  const normalized = toSimplified(folded).replace(WHITESPACE, ' ').trim();
  // Labels, keywords and the message itself are folded many times a turn: remember recent ones.
  if (CACHE.size >= CACHE_SIZE) CACHE.clear();
  CACHE.set(text, normalized);
  return normalized;
}
