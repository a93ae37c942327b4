import * as models from '../../models';
import { loadConfig, type Config } from '../../../config/config';
import type { Engine } from '../../../conversation/engine';
import { ConversationService } from '../../../conversation/conversation.service';
import { EventBus } from '../../../conversation/events';
import { Outbox } from '../../../conversation/outbox';
import { AdapterRegistry } from '../../../channels/registry';
import { conversationTestFileSchema, type ConversationTest } from '../../../flows/conversation-test-schema';
import type { OutboundMessage } from '../../../core/message';
import type { Logger } from 'pino';

/**
 * The settings conversation tests are written against, per company profile: the liquor company
 * (retail) by its registered name, the housekeeping company by its profile; open 09:00–21:00.
 */
export const TEST_CONFIGS: Record<'retail' | 'housekeeping', Config> = {
  retail: loadConfig({ COMPANY_PROFILE: 'retail', COMPANY_NAME: '贵州飞满天酒业有限公司', COMPANY_NAME_EN: 'Guizhou Feimantian Liquor Co.', BUSINESS_HOURS: 'mon-sun 09:00-21:00', BOT_NUMBER: '001' }),
  housekeeping: loadConfig({ COMPANY_PROFILE: 'housekeeping', BUSINESS_HOURS: 'mon-sun 09:00-21:00', BOT_NUMBER: '001' }),
};

/** The tests of one file (parsed YAML), each with its profile; throws naming the file when malformed. */
export function testsOfFile(file: string, data: unknown): ConversationTest[] {
  const parsed = conversationTestFileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`flows/tests/${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.tests.map((t) => ({ ...t, profile: t.profile ?? parsed.data.profile }));
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const render = (replies: OutboundMessage[]) => replies.map((r) => `${r.text}${r.quickReplies ? ` [${r.quickReplies.map((q) => `${q.label}=${q.value}`).join(' | ')}]` : ''}`).join('\n');

function expectReplies(replies: OutboundMessage[], must: string[], mustNot: string[], where: string): void {
  const text = render(replies);
  for (const m of must) if (!text.includes(m)) throw new Error(`${where}: the bot's reply lacks "${m}". It said:\n${text || '(nothing)'}`);
  for (const m of mustNot) if (text.includes(m)) throw new Error(`${where}: the bot's reply must not contain "${m}". It said:\n${text}`);
}

/** A record's field (dotted path, array indexes too) equals the value; null matches a missing field. */
function matchesRecord(doc: Record<string, unknown>, where: Record<string, unknown>): boolean {
  return Object.entries(where).every(([path, want]) => {
    const actual = path.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], doc);
    if (want === null) return actual === null || actual === undefined || actual === '';
    return actual !== null && actual !== undefined && String(actual) === String(want);
  });
}

function expectOptions(replies: OutboundMessage[], options: string[] | undefined, where: string): void {
  if (!options) return;
  const offered = replies.flatMap((r) => r.quickReplies ?? []).map((q) => q.value);
  for (const o of options) if (!offered.includes(o)) throw new Error(`${where}: option "${o}" not offered (offered: ${offered.join(', ') || 'none'})`);
}

function substitute(value: unknown, names: Record<string, string>): unknown {
  if (typeof value === 'string' && value.startsWith('$') && names[value.slice(1)]) return names[value.slice(1)];
  if (Array.isArray(value)) return value.map((v) => substitute(v, names));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, names)]));
  return value;
}

/**
 * Plays one conversation test against the real service path (ConversationService, the turn queue,
 * the models of the connected database) with the given engine; throws on the first mismatch.
 * The test suite runs it on files; the console's sandbox runs it on a draft, in a database of its own.
 */
export async function playConversationTest(test: ConversationTest, index: number, engine: Engine, log: Logger): Promise<void> {
  const clock = new Date(test.clock);
  const events = new EventBus((err) => {
    throw err;
  });
  const service = new ConversationService({
    engine,
    events,
    log,
    // No adapter is registered: replies are stored and returned inline, nothing is sent.
    outbox: new Outbox({ registry: new AdapterRegistry(), events, log }),
    agentsAvailable: async () => test.agentsOnline,
    now: () => clock,
  });
  const externalId = `t${index}-${Date.now().toString(36)}`;
  const customer = await models.Customer.create({ identities: [{ channel: test.channel, externalId }], locale: test.locale, ...test.customer });
  await models.CustomerIdentity.create({ channel: test.channel, externalId, customer: customer._id });
  const names: Record<string, string> = { customer: String(customer._id) };
  for (const s of test.setup) {
    const Model = models[s.model] as unknown as { create(doc: unknown): Promise<{ _id: unknown }> };
    const doc = await Model.create(substitute(s.fields, names));
    if (s.as) names[s.as] = String(doc._id);
  }
  let conversationId: string | undefined;
  if (test.open) {
    const opened = await service.open({ channel: test.channel, externalUserId: externalId, conversationKey: externalId, localeHint: test.locale });
    conversationId = opened.conversationId;
    expectReplies(opened.replies, list(test.open.bot), [], 'open');
    expectOptions(opened.replies, test.open.options, 'open');
  }
  if (test.start) {
    const started = await service.startFlow({ customerId: String(customer._id), channel: test.channel, flowId: test.start.flow, values: substitute(test.start.values, names) as Record<string, unknown> });
    conversationId = started.conversationId;
    expectReplies(started.replies, list(test.start.bot), [], 'start');
  }
  for (const [i, t] of test.turns.entries()) {
    const result = await service.receive(
      { channel: test.channel, externalUserId: externalId, conversationKey: externalId, channelMessageId: `${externalId}-${i}`, text: t.customer ?? '', choice: t.choice, localeHint: test.locale },
      { inlineReplies: true },
    );
    conversationId = result.conversationId;
    const replies = await result.replies;
    const where = `turn ${i + 1} (${JSON.stringify(t.customer ?? t.choice)})`;
    if (t.silent && replies.length) throw new Error(`${where}: the bot must stay silent but said:\n${render(replies)}`);
    expectReplies(replies, list(t.bot), list(t.botNot), where);
    expectOptions(replies, t.options, where);
  }
  for (const r of test.expect.records) {
    // Read the customer's records through their models (personal fields are decrypted on read)
    // and match in memory: encrypted fields cannot be queried by value.
    const scope = r.model === 'Customer' ? { _id: String(customer._id) } : ['Contract', 'Staff'].includes(r.model) ? {} : { customer: String(customer._id) };
    const Model = models[r.model] as unknown as { find(q: unknown): Promise<{ toObject(): Record<string, unknown> }[]> };
    const docs = (await Model.find(scope)).map((d) => d.toObject());
    const where = substitute({ ...r.where }, names) as Record<string, unknown>;
    const count = docs.filter((d) => matchesRecord(d, where)).length;
    if (count !== r.count) {
      throw new Error(`expected ${r.count} ${r.model} matching ${JSON.stringify(r.where)}, found ${count}. The customer's ${r.model} records:\n${JSON.stringify(docs, null, 1).slice(0, 3000)}`);
    }
  }
  if (test.expect.conversation) {
    const conv = await models.Conversation.findById(conversationId).lean();
    for (const [k, v] of Object.entries(test.expect.conversation)) {
      const actual = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], conv);
      if (actual !== v) throw new Error(`conversation.${k} is ${JSON.stringify(actual)}, expected ${JSON.stringify(v)}`);
    }
  }
}
