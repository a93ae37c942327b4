import MiniSearch from 'minisearch';
import { normalizeForMatching } from '../core/text/normalize';
import type { KnowledgeData, KnowledgeEntry } from './knowledge-data';
import { segment } from './segmenter';

/** What the knowledge base found: one answer, two close ones to choose from, or nothing. */
export type KnowledgeMatch =
  | { kind: 'answer'; entry: KnowledgeEntry; confidence: number }
  | { kind: 'choose'; entries: [KnowledgeEntry, KnowledgeEntry]; confidence: number };

/** Tunable at construction; the defaults are measured with `npm run bench:conversations`. */
export interface KnowledgeOptions {
  /** Below this, no answer: the bot says it did not understand rather than answer wrongly. */
  threshold: number;
  /** Two entries this close (second ≥ ratio × first) and the best under `sure`: ask which one. */
  closeRatio: number;
  sure: number;
  /** The weight of a word no entry uses, against the rarity weights (about 1–5) of known words. */
  unknownWeight: number;
}

const DEFAULTS: KnowledgeOptions = { threshold: 0.6, closeRatio: 0.9, sure: 0.8, unknownWeight: 1.5 };

interface Question {
  id: number;
  entry: string;
  /** The question's search terms, space-separated (stored to weigh what a match covers). */
  words: string;
}

/**
 * The FAQ search, built once per published version: every way of asking each entry is segmented
 * (jieba for Chinese), folded through the synonyms and indexed with BM25 (minisearch). A question
 * is scored by how much of what it asks (weighted by rarity) the best-matching way of asking
 * covers, so "包邮吗" finds the shipping entry and a sentence about something else finds nothing.
 */
export class KnowledgeBase {
  private readonly index = new MiniSearch<Question>({ fields: ['words'], storeFields: ['entry', 'words'], tokenize: (s) => s.split(' '), processTerm: (t) => t || null });
  private readonly entries = new Map<string, KnowledgeEntry>();
  private readonly synonym = new Map<string, string>();
  private readonly phrases: [RegExp, string][] = [];
  private readonly idf = new Map<string, number>();
  private readonly options: KnowledgeOptions;

  constructor(data: Pick<KnowledgeData, 'entries' | 'synonyms'>, options: Partial<KnowledgeOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    for (const [canonical, ...others] of data.synonyms) {
      const c = normalizeForMatching(canonical);
      for (const o of others.map(normalizeForMatching)) {
        if (/\s/.test(o)) this.phrases.push([new RegExp(`\\b${o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g'), c]);
        else this.synonym.set(o, c);
      }
    }
    const docs: Question[] = [];
    const df = new Map<string, number>();
    for (const entry of data.entries) {
      this.entries.set(entry.id, entry);
      for (const q of [...entry.questions['zh-CN'], ...entry.questions['zh-TW'], ...entry.questions.en]) {
        const terms = this.terms(q);
        if (!terms.length) continue;
        docs.push({ id: docs.length, entry: entry.id, words: terms.join(' ') });
        for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
      }
    }
    for (const [t, n] of df) this.idf.set(t, Math.log(1 + docs.length / n));
    this.index.addAll(docs);
  }

  get size(): number {
    return this.entries.size;
  }

  get(id: string): KnowledgeEntry | undefined {
    return this.entries.get(id);
  }

  /** The answer to a customer's question, "did you mean" choices, or undefined. */
  search(text: string): KnowledgeMatch | undefined {
    const terms = [...new Set(this.terms(text))];
    if (!terms.length) return undefined;
    const known = terms.filter((t) => this.idf.has(t));
    if (!known.length) return undefined;
    // Words no entry knows ("郑州", a name) weigh like a common word: a message mostly about
    // something else is no match for the one word it shares with an entry.
    const unknownWeight = this.options.unknownWeight;
    const weight = (t: string) => this.idf.get(t) ?? unknownWeight;
    const total = terms.reduce((s, t) => s + weight(t), 0);
    const byEntry = new Map<string, number>();
    const fuzzy = (t: string) => (/^[a-z]{6,}$/.test(t) ? 0.2 : false);
    for (const hit of this.index.search(known.join(' '), { combineWith: 'OR', fuzzy }).slice(0, 30)) {
      const words = String(hit.words).split(' ');
      const coverQuery = hit.queryTerms.reduce((sum, t) => sum + weight(t), 0) / total;
      const docTotal = words.reduce((sum, t) => sum + (this.idf.get(t) ?? 0), 0);
      const coverDoc = docTotal ? hit.terms.reduce((sum, t) => sum + (this.idf.get(t) ?? 0), 0) / docTotal : 0;
      const confidence = Math.min(1, 0.7 * coverQuery + 0.3 * coverDoc);
      const entry = String(hit.entry);
      if (confidence > (byEntry.get(entry) ?? 0)) byEntry.set(entry, confidence);
    }
    const ranked = [...byEntry.entries()].sort((a, b) => b[1] - a[1]);
    const [first, second] = ranked;
    if (!first || first[1] < this.options.threshold) return undefined;
    if (second && second[1] >= this.options.threshold && second[1] >= first[1] * this.options.closeRatio && first[1] < this.options.sure) {
      return { kind: 'choose', entries: [this.entries.get(first[0])!, this.entries.get(second[0])!], confidence: first[1] };
    }
    return { kind: 'answer', entry: this.entries.get(first[0])!, confidence: first[1] };
  }

  /** The search terms of a text: segmented, multi-word synonyms first, then word synonyms. */
  private terms(text: string): string[] {
    let n = normalizeForMatching(text);
    for (const [pattern, canonical] of this.phrases) n = n.replace(pattern, ` ${canonical} `);
    return segment(n).map((t) => this.synonym.get(t) ?? t);
  }
}

/** Answers use {{company}}, {{businessHours}}, {{priceList}}, {{botNumber}}: filled per turn. */
export function fillAnswer(answer: string, values: Record<string, string>): string {
  return answer.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

