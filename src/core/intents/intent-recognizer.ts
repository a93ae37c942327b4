import type { Locale } from '../message';

export type GlobalIntent = 'human' | 'cancel' | 'menu';

/** What a recognizer found: a global intent, or a flow to start, with its confidence (0–1). */
export interface Recognition {
  intent: GlobalIntent | { flow: string };
  confidence: number;
}

/**
 * The seam for natural-language understanding. The default is keyword rules; an NLU service can
 * implement the same interface and be passed to the engine instead.
 */
export interface IntentRecognizer {
  recognize(text: string, locale: Locale): Promise<Recognition | undefined> | Recognition | undefined;
}
