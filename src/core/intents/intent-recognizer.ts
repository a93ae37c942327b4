import type { Locale } from '../message';
import type { Slots } from '../slots/slots';

export type GlobalIntent = 'human' | 'cancel' | 'menu';

/** What a recognizer understood of a message: maybe an intent, and the details it carries. */
export interface Recognition {
  intent?: GlobalIntent | { flow: string };
  /** 0–1: 1 for an unmistakable phrase ("转人工"), less for a word among others. */
  confidence: number;
  /** The intent's name (flows/intents.yaml id, the flow id, or the global intent). */
  name?: string;
  /** Values the flow starts with (severity: serious for "保姆偷了我的钱"). */
  values?: Record<string, unknown>;
  /** Details the message gives (the keyword rules always fill this; other recognisers may not). */
  slots?: Slots;
  /** The message is a question (it asks rather than tells). */
  question?: boolean;
  /** Intents the customer said they do not mean ("不是投诉"). */
  negated?: string[];
  /** Who understood it: the keyword rules or the language model. */
  source?: 'rules' | 'llm';
}

/** What the engine knows when it asks: whether an answer is expected, whether the FAQ has one. */
export interface RecognizeHints {
  /** A flow waits for an answer the message may be. */
  answering?: boolean;
  /** The knowledge base has a confident answer. */
  known?: boolean;
}

/**
 * The seam for natural-language understanding. The default is keyword rules; a language model
 * (LlmRecognizer) or any NLU service can implement the same interface.
 */
export interface IntentRecognizer {
  recognize(text: string, locale: Locale, hints?: RecognizeHints): Promise<Recognition | undefined> | Recognition | undefined;
}
