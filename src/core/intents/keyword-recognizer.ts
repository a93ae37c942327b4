import { normalizeForMatching } from '../text/normalize';
import type { GlobalIntent, IntentRecognizer, Recognition } from './intent-recognizer';

interface Rule {
  intent: Recognition['intent'];
  /** Normalised keywords; Han keywords match inside the text, Latin ones as whole words. */
  keywords: string[];
  /** Cancel and menu must be (almost) the whole message, or "取消订单" would cancel the flow. */
  whole: boolean;
}

const HAN = /\p{Script=Han}/u;

/** Keyword rules, built once: global intents first, then flow triggers. */
export class KeywordRecognizer implements IntentRecognizer {
  private readonly rules: Rule[] = [];
  private readonly wordPatterns = new Map<string, RegExp>();

  constructor(globals: Record<GlobalIntent, string[]>, flowTriggers: { flow: string; triggers: string[] }[]) {
    for (const intent of ['human', 'cancel', 'menu'] as const) {
      this.rules.push({ intent, keywords: globals[intent].map(normalizeForMatching), whole: intent !== 'human' });
    }
    for (const { flow, triggers } of flowTriggers) {
      if (triggers.length) this.rules.push({ intent: { flow }, keywords: triggers.map(normalizeForMatching), whole: false });
    }
    for (const k of this.rules.flatMap((r) => r.keywords).filter((k) => !HAN.test(k))) {
      this.wordPatterns.set(k, new RegExp(`(^|[^\\p{L}\\p{N}])${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u'));
    }
  }

  recognize(text: string): Recognition | undefined {
    const n = normalizeForMatching(text).replace(/[\s!！?？。.,，~～]+$/u, '');
    if (!n) return undefined;
    for (const rule of this.rules) {
      for (const k of rule.keywords) {
        if (rule.whole ? n === k || (n.length <= k.length + 2 && n.startsWith(k)) : HAN.test(k) ? n.includes(k) : this.wordPatterns.get(k)!.test(n)) {
          return { intent: rule.intent, confidence: rule.whole || n === k ? 1 : 0.8 };
        }
      }
    }
    return undefined;
  }
}
