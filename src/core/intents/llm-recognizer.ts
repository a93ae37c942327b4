import { z } from 'zod';
import type { Locale } from '../message';
import { extractAddress } from '../text/address';
import type { Slots } from '../slots/slots';
import type { IntentRecognizer, Recognition, RecognizeHints } from './intent-recognizer';

export interface LlmOptions {
  /** An OpenAI-compatible API root ("http://127.0.0.1:8000/v1"); /chat/completions is appended. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
  /** Send the customer's phone numbers, order numbers, addresses and names as written. */
  sendPii: boolean;
  /** What the model may answer: flow intents with a line of meaning each, products by sku. */
  intents: { name: string; flow: string; about: string }[];
  products: { sku: string; name: string }[];
  business: string;
  /** Told of a failed call (timeout, bad JSON); the rules' reading is used instead. */
  onError?: (err: Error) => void;
}

const proposalSchema = z.object({
  intent: z.string().nullable().optional(),
  confidence: z.number().min(0).max(1).default(0.5),
  slots: z
    .object({
      product: z.string().nullish(),
      quantity: z.object({ value: z.number().int().positive(), unit: z.string().nullish() }).nullish(),
      payment: z.enum(['cod', 'online']).nullish(),
      address: z.string().max(300).nullish(),
      phone: z.string().max(40).nullish(),
      name: z.string().max(60).nullish(),
      orderNumber: z.string().max(40).nullish(),
      date: z.string().max(100).nullish(),
    })
    .partial()
    .default({}),
});

const PII: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+\.[\w.]+/g, '<EMAIL>'],
  [/\bO\d{8,16}\b/gi, '<ORDER>'],
  [/\+?\d[\d\s-]{6,}\d/g, '<NUMBER>'],
  [/(我叫|我姓|my name is)\s*\S{1,20}/gi, '$1 <NAME>'],
];

/** The message with personal data replaced by placeholders, unless the operator allows sending it. */
export function maskPii(text: string): string {
  const masked = PII.reduce((t, [pattern, placeholder]) => t.replace(pattern, placeholder), text);
  // Chunk by chunk: in "电话<NUMBER> 住北京市朝阳区建国路88号" only the last chunk is the address.
  return masked
    .split(/(\s+)/)
    .map((chunk) => {
      const address = /\S/.test(chunk) ? extractAddress(chunk) : undefined;
      return address ? chunk.replace(address, '<ADDRESS>') : chunk;
    })
    .join('');
}

/**
 * The optional language-model layer behind the recogniser interface: the keyword rules first;
 * only a message they do not understand (and that answers no waiting question and that the FAQ
 * does not know) goes to the model, which proposes an intent and slots as JSON. A timeout, an
 * error or an answer outside the allowed intents falls back to the rules' reading.
 */
export class LlmRecognizer implements IntentRecognizer {
  private readonly url: string;
  private readonly allowed: Map<string, string>;

  constructor(
    private readonly rules: IntentRecognizer,
    private readonly options: LlmOptions,
  ) {
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    this.allowed = new Map(options.intents.map((i) => [i.name, i.flow]));
  }

  async recognize(text: string, locale: Locale, hints: RecognizeHints = {}): Promise<Recognition | undefined> {
    const ruled = await this.rules.recognize(text, locale, hints);
    if (ruled?.intent || hints.answering || hints.known || text.trim().length < 2) return ruled;
    try {
      const proposal = await this.ask(this.options.sendPii ? text : maskPii(text));
      return this.merge(ruled, proposal);
    } catch (err) {
      this.options.onError?.(err as Error);
      return ruled;
    }
  }

  private async ask(text: string): Promise<z.output<typeof proposalSchema>> {
    const o = this.options;
    const system = [
      `You read messages customers send to the customer service of a ${o.business}. Reply with one JSON object only.`,
      `"intent": one of ${JSON.stringify([...this.allowed.keys(), 'human', 'cancel'])} or null when none fits (a question, small talk, unclear).`,
      `Intents: ${o.intents.map((i) => `${i.name}: ${i.about}`).join('; ')}; human: wants a human agent; cancel: changed their mind.`,
      `"confidence": 0 to 1. "slots": only what the message says: product (one of ${JSON.stringify(o.products.map((p) => p.sku))}: ${o.products.map((p) => `${p.sku}=${p.name}`).join(', ')}), quantity {value, unit}, payment ("cod" or "online"), address, phone, name, orderNumber, date.`,
      'Placeholders like <NUMBER> or <ADDRESS> stand for data you are not shown: never invent it.',
    ].join('\n');
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
      body: JSON.stringify({ model: o.model, temperature: 0, response_format: { type: 'json_object' }, messages: [{ role: 'system', content: system }, { role: 'user', content: text }] }),
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    if (!res.ok) throw new Error(`language model: HTTP ${res.status}`);
    const body = (await res.json()) as { choices?: { message?: { content?: string } }[] };
    const content = body.choices?.[0]?.message?.content ?? '';
    const json = content.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, '');
    const parsed = proposalSchema.safeParse(JSON.parse(json));
    if (!parsed.success) throw new Error(`language model: unexpected answer (${parsed.error.issues[0]?.message})`);
    return parsed.data;
  }

  private merge(ruled: Recognition | undefined, p: z.output<typeof proposalSchema>): Recognition | undefined {
    const base: Recognition = ruled ?? { confidence: 0, slots: {} };
    const slots: Slots = { ...base.slots };
    const s = p.slots;
    if (s.product && this.options.products.some((x) => x.sku === s.product)) slots.product ??= s.product;
    if (s.quantity) slots.quantity ??= { value: s.quantity.value, unit: s.quantity.unit ?? undefined };
    if (s.payment) slots.payment ??= s.payment;
    if (s.date) slots.date ??= s.date;
    // Personal data only when the model saw it (not a placeholder it echoed).
    if (this.options.sendPii) {
      if (s.address && !s.address.includes('<')) slots.address ??= s.address;
      if (s.name && !s.name.includes('<')) slots.name ??= { name: s.name };
    }
    const intent = p.intent ?? undefined;
    if (intent === 'human' || intent === 'cancel') return { ...base, intent, name: intent, confidence: p.confidence, slots, source: 'llm' };
    const flow = intent ? this.allowed.get(intent) : undefined;
    if (!flow || p.confidence < 0.5) return { ...base, slots };
    return { ...base, intent: { flow }, name: intent, confidence: Math.min(p.confidence, 0.99), slots, source: 'llm' };
  }
}
