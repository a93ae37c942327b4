import type { Locale } from '../message';
import { normalizeForMatching } from '../text/normalize';
import { isQuestion } from '../text/question';
import type { SlotExtractor } from '../slots/slot-extractor';
import type { SlotName, Slots } from '../slots/slots';
import type { IntentData } from './intent-data';
import type { IntentRecognizer, Recognition } from './intent-recognizer';

interface Word {
  text: string;
  weight: number;
  /** Latin words match whole words (or as a prefix when written with *). */
  pattern?: RegExp;
  /** A part the text must hold for the pattern to match: most patterns are then never run. */
  literal?: string;
}

interface Rule {
  name: string;
  flow: string;
  values?: Record<string, unknown>;
  words: Word[];
  slots: Partial<Record<SlotName, number>>;
}

const HAN = /\p{Script=Han}/u;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// What is left of a message without its intent's words says whether it tells a story.
const FILLER = /我要|我想|想要|我们|你们|您好|你好|请问|麻烦|一下|帮我|给我|就是|只是|我|要|想|的|了|吗|呢|啊|吧|呀|哦|嗯|请|就|只|啦|\b(?:please|i|i'd|i'm|we|want|would|like|to|make|a|an|the|have|got|just|hi|hello|it|is|this|my|me)\b|[\p{P}\p{S}\s\d]/gu;
// A negation governs the words right after it, within one clause.
const NEGATION_WINDOW = 5;

function compile(text: string, weight: number): Word {
  const n = normalizeForMatching(text);
  if (HAN.test(n)) return { text: n, weight };
  const prefix = n.endsWith('*');
  const bare = prefix ? n.slice(0, -1) : n;
  const body = escape(bare).replace(/'/g, "['’]?");
  const literal = bare.split("'").reduce((a, b) => (b.length > a.length ? b : a), '');
  return { text: n, weight, literal, pattern: new RegExp(`(^|[^\\p{L}\\p{N}])${body}${prefix ? '' : '(?=$|[^\\p{L}\\p{N}])'}`, 'gu') };
}

/**
 * Keyword rules, compiled once: global intents, change of mind, then flow intents scored by the
 * weights of their words (and of the details a statement carries). Negated words count against
 * their intent. The result carries the slots of the message and whether it is a question.
 */
export class KeywordRecognizer implements IntentRecognizer {
  private readonly human: Word[];
  private readonly cancel: string[];
  private readonly menu: string[];
  private readonly changeMind: Word[];
  private readonly negations: Word[];
  private readonly rules: Rule[];

  constructor(data: IntentData, flowTriggers: { flow: string; triggers: string[] }[], private readonly slots: SlotExtractor, enabledFlows?: ReadonlySet<string>) {
    this.human = data.human.map((w) => compile(w, 10));
    this.cancel = data.cancel.map(normalizeForMatching);
    this.menu = data.menu.map(normalizeForMatching);
    this.changeMind = data.changeMind.map((w) => compile(w, 1));
    this.negations = data.negations.map((w) => compile(w, 1));
    const enabled = (flow: string) => !enabledFlows || enabledFlows.has(flow);
    this.rules = [
      ...data.intents.filter((i) => enabled(i.flow)).map((i) => ({ name: i.id ?? i.flow, flow: i.flow, values: i.values, words: Object.entries(i.words).map(([w, weight]) => compile(w, weight)), slots: i.slots ?? {} })),
      ...flowTriggers.filter((f) => enabled(f.flow) && f.triggers.length).map((f) => ({ name: f.flow, flow: f.flow, words: f.triggers.map((t) => compile(t, 3)), slots: {} })),
    ];
  }

  recognize(text: string, locale: Locale): Recognition & { slots: Slots; question: boolean } {
    const n = normalizeForMatching(text).replace(/[\s!！?？。.,，~～]+$/u, '');
    const slots = n ? this.slots.extract(text, locale) : {};
    const question = isQuestion(text);
    if (!n) return { confidence: 0, slots, question };
    if (this.matches(this.human, n).some((m) => !this.negated(n, m.index))) return { intent: 'human', name: 'human', confidence: 1, slots, question };
    if (this.menu.some((k) => n === k)) return { intent: 'menu', name: 'menu', confidence: 1, slots, question };

    // Words inside a change of mind ("不投诉了", "不买了") are that change of mind, not the intent.
    const minded = this.matches(this.changeMind, n).map((m) => [m.index, m.index + m.word.text.length] as const);
    const inMind = (index: number) => minded.some(([from, to]) => index >= from && index < to);
    const scores = new Map<string, { score: number; rules: Rule[]; matched: string[] }>();
    const negated = new Set<string>();
    const negatedWords: string[] = [];
    for (const rule of this.rules) {
      let score = 0;
      const matched: string[] = [];
      for (const m of this.matches(rule.words, n)) {
        if (inMind(m.index)) continue;
        if (this.negated(n, m.index)) {
          negated.add(rule.flow);
          negatedWords.push(m.word.text);
          continue;
        }
        score += m.word.weight;
        matched.push(m.word.text);
      }
      if (!question) for (const [slot, weight] of Object.entries(rule.slots)) if (slots[slot as SlotName] !== undefined) score += weight!;
      if (score <= 0) continue;
      const entry = scores.get(rule.flow) ?? { score: 0, rules: [], matched: [] };
      entry.score += score;
      entry.rules.push(rule);
      entry.matched.push(...matched);
      scores.set(rule.flow, entry);
    }
    for (const flow of negated) scores.delete(flow);
    const best = [...scores.entries()].sort((a, b) => b[1].score - a[1].score)[0];
    const exactCancel = this.cancel.some((k) => n === k);
    const nearCancel = this.cancel.some((k) => n.length <= k.length + 2 && n.startsWith(k));
    const short = HAN.test(n) ? n.length <= 16 : n.split(/\s+/).length <= 8;
    const changeMind = short && minded.length > 0;
    if (exactCancel || ((nearCancel || changeMind) && !(best && best[1].score >= 3))) {
      return { intent: 'cancel', name: 'cancel', confidence: exactCancel ? 1 : 0.8, slots, question, negated: [...negated] };
    }
    if (best && best[1].score >= 2) {
      const [flow, { score, rules, matched }] = best;
      // The words of the intent, of intents said not to be meant ("不是投诉") and the negations are no story.
      const said = [...matched, ...negatedWords, ...this.matches(this.negations, n).map((m) => m.word.text)].sort((a, b) => b.length - a.length);
      const rest = said.reduce((s, w) => s.split(w).join(' '), n).replace(FILLER, '');
      if (rest.length >= (HAN.test(n) ? 2 : 8)) slots.statement = text.trim();
      const values = Object.assign({}, ...rules.map((r) => r.values ?? {})) as Record<string, unknown>;
      const name = rules.find((r) => r.values)?.name ?? rules[0].name;
      return { intent: { flow }, name, confidence: Math.min(1, score / 4), values, slots, question, negated: [...negated] };
    }
    if (n.length >= 6 && !question) slots.statement = text.trim();
    return { confidence: 0, slots, question, negated: [...negated] };
  }

  private matches(words: Word[], n: string): { word: Word; index: number }[] {
    const out: { word: Word; index: number }[] = [];
    for (const word of words) {
      if (word.pattern) {
        if (!n.includes(word.literal!)) continue;
        word.pattern.lastIndex = 0;
        const m = word.pattern.exec(n);
        if (m) out.push({ word, index: m.index + m[1].length });
      } else {
        const index = n.indexOf(word.text);
        if (index >= 0) out.push({ word, index });
      }
    }
    // A longer word contains a shorter one ("取消订单" and "订单"): count the longer only.
    return out.filter((a) => !out.some((b) => b !== a && b.word.text.length > a.word.text.length && b.index <= a.index && b.index + b.word.text.length >= a.index + a.word.text.length));
  }

  /** Whether a negation stands right before this position, in the same clause. */
  private negated(n: string, index: number): boolean {
    const before = n.slice(Math.max(0, index - NEGATION_WINDOW * 3), index);
    const clause = before.split(/[,，。;；!！?？]/).pop() ?? '';
    const window = HAN.test(clause) ? clause.slice(-NEGATION_WINDOW) : clause.split(/\s+/).slice(-4).join(' ');
    return this.matches(this.negations, window).length > 0;
  }
}
