import * as models from '../../src/domain/models';
import type { OutboundMessage } from '../../src/core/message';
import { normalizeForMatching } from '../../src/core/text/normalize';
import { substitute, type ScriptedConversation, type Topic } from './conversation-script';

/** One turn as the benchmark saw it: what the customer sent, what the bot said, what it asked. */
export interface PlayedTurn {
  customer: string;
  scripted: boolean;
  replies: OutboundMessage[];
  asked?: Topic;
  /** The question itself (its last line: a re-ask puts an explanation before it). */
  question?: string;
}

// The bot's "I did not understand" in each language.
const FALLBACK = /没有理解|没能理解|不太明白|didn'?t understand|don'?t understand|did not understand|not sure i understood/;
// A question or a refusal is never a name, an address or a phone holder's name.
const NOT_DATA = /[?？]|吗$|吗[，。,.!！]|多少钱|什么|怎么|为什么|how much|what|why|\bhow\b|不想说|不告诉|不方便|不用了|算了|不要了|不投了|no thanks|none of your/i;
// A complaint description or a need that is only a change of mind.
const ONLY_REFUSAL = /^(算了|不投了|不用了|不要了|没事了|取消|never mind|forget it|cancel)[\s,，。.!！]*(不投了|不用了|算了|不要了)?[\s。.!！]*$/i;

/** A `where` value "~text" matches a field containing the text (case and script folded). */
function matches(doc: Record<string, unknown>, where: Record<string, unknown>): boolean {
  return Object.entries(where).every(([key, want]) => {
    const actual = key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], doc);
    if (typeof want === 'string' && want.startsWith('~')) {
      const options = want.slice(1).split('|').map(normalizeForMatching);
      return typeof actual === 'string' && options.some((o) => normalizeForMatching(actual).includes(o));
    }
    return String(actual) === String(want);
  });
}

/**
 * Why a conversation was not served well (empty when it was): the need not met, a fallback, a
 * question asked twice, data that is no data.
 */
export async function score(c: ScriptedConversation, turns: PlayedTurn[], customerId: string, conversationId: string | undefined, names: Record<string, string>): Promise<string[]> {
  const problems: string[] = [];
  const scriptedCount = turns.filter((t) => t.scripted).length;
  if (c.need.answer) {
    const from = (c.need.answerAt ?? scriptedCount) - 1;
    const said = normalizeForMatching(turns.slice(from).flatMap((t) => t.replies.map((r) => r.text)).join('\n'));
    if (!c.need.answer.some((a) => said.includes(normalizeForMatching(a)))) problems.push(`no answer containing ${c.need.answer.map((a) => `"${a}"`).join(' or ')}`);
  }
  for (const r of c.need.records) {
    // Through the models, not lean: personal fields are decrypted on read.
    const Model = models[r.model] as unknown as { find(q: unknown): Promise<{ toObject(): Record<string, unknown> }[]> };
    const scope = r.model === 'Customer' ? { _id: customerId } : { customer: customerId };
    const docs = (await Model.find(scope)).map((d) => d.toObject());
    const found = docs.filter((d) => matches(d, substitute(r.where, names) as Record<string, unknown>)).length;
    if (found !== r.count) problems.push(`expected ${r.count} ${r.model} ${JSON.stringify(r.where)}, found ${found}`);
  }
  const conversation = conversationId ? await models.Conversation.findById(conversationId).lean() : null;
  const handedOff = conversation?.status === 'waiting' || conversation?.status === 'assigned';
  if (c.need.handoff === true && !handedOff) problems.push('needed a human, was not handed over');
  if (c.need.handoff === false && handedOff) problems.push('handed to a human without need');
  if (!c.need.fallbackOk && turns.some((t) => t.replies.some((r) => FALLBACK.test(normalizeForMatching(r.text))))) problems.push('the bot did not understand');
  const afterScript = turns.slice(scriptedCount - 1);
  for (const topic of c.given) if (afterScript.some((t) => t.asked === topic)) problems.push(`asked again for ${topic}`);
  // The same question put again after the customer answered it (not a different question on the same topic).
  const counts = new Map<string, { topic: Topic; n: number }>();
  for (const t of turns) {
    if (!t.asked || !t.question || ['yesno', 'choice'].includes(t.asked)) continue;
    const entry = counts.get(t.question) ?? { topic: t.asked, n: 0 };
    entry.n += 1;
    counts.set(t.question, entry);
  }
  for (const { topic, n } of counts.values()) if (n > 1 && !c.reask.includes(topic) && !c.given.includes(topic)) problems.push(`asked ${n} times for ${topic}`);
  problems.push(...(await wrongData(customerId)));
  return problems;
}

async function wrongData(customerId: string): Promise<string[]> {
  const out: string[] = [];
  const flag = (what: string, value: unknown, pattern: RegExp) => {
    if (typeof value === 'string' && value && pattern.test(normalizeForMatching(value))) out.push(`stored ${what} "${value}"`);
  };
  const customer = await models.Customer.findById(customerId);
  flag('customer name', customer?.name, NOT_DATA);
  for (const lead of await models.Lead.find({ customer: customerId })) {
    flag('lead name', lead.name, NOT_DATA);
    flag('lead need', lead.need, ONLY_REFUSAL);
  }
  for (const order of await models.Order.find({ customer: customerId })) {
    flag('order address', order.address, NOT_DATA);
    flag('recipient name', order.recipient?.name, NOT_DATA);
  }
  for (const complaint of await models.Complaint.find({ customer: customerId })) flag('complaint description', complaint.description, ONLY_REFUSAL);
  return out;
}
