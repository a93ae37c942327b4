import { normalizeForMatching } from '../../core/text/normalize';

// Spaces, punctuation and symbols an agent may put inside a phrase ("我、已经 给你说过了！").
const NOISE = /[\s\p{P}\p{S}]/gu;

/**
 * A text folded for phrase matching: full-width → half-width, traditional → simplified, lower
 * case (normalizeForMatching), then without spaces and punctuation, so "誰告訴你的？" and
 * "谁 告诉 你的" both contain the key of "谁告诉你的".
 */
export function phraseKey(text: string): string {
  return normalizeForMatching(text).replace(NOISE, '');
}
