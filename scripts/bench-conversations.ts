/**
 * npm run bench:conversations [-- --only <id|category> --verbose --json <file>]
 * Replays the scripted customers of bench/conversations/*.yaml through the real service path
 * (ConversationService, the turn queue and an in-memory embedded database), lets each one answer
 * the bot's further questions from what they know, and scores each conversation by what the
 * customer needed: the right answer, record or hand-off, nothing asked twice, nothing wrong stored.
 * Prints the rate of conversations served well per language and what failed, by category.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import * as models from '../src/domain/models';
import { loadConfig } from '../src/config/config';
import { loadBot } from '../src/conversation/bot';
import { openDatabase } from '../src/db/database';
import { ConversationService } from '../src/conversation/conversation.service';
import { EventBus } from '../src/conversation/events';
import { Outbox } from '../src/conversation/outbox';
import { AdapterRegistry } from '../src/channels/registry';
import type { Locale, OutboundMessage } from '../src/core/message';
import { readBenchFiles, substitute, type BenchFile, type ScriptedConversation } from './bench/conversation-script';
import { answerFor, askedTopic } from './bench/simulated-customer';
import { score, type PlayedTurn } from './bench/score';

const MAX_SIMULATED_TURNS = 12;
const log = pino({ level: 'silent' });

/** One service per company profile, as `npm start` would build it with COMPANY_PROFILE set. */
function serviceFor(profile: string, clock: { now: Date }, agents: { online: boolean }): ConversationService {
  const config = loadConfig({ ...process.env, COMPANY_PROFILE: profile, LOG_LEVEL: 'silent' });
  const events = new EventBus((err) => log.error({ err }, 'listener failed'));
  return new ConversationService({
    engine: loadBot(config),
    events,
    log,
    outbox: new Outbox({ registry: new AdapterRegistry(), events, log }),
    agentsAvailable: async () => agents.online,
    now: () => clock.now,
  });
}

async function play(service: ConversationService, file: BenchFile, c: ScriptedConversation, n: number, clock: { now: Date }): Promise<{ turns: PlayedTurn[]; problems: string[] }> {
  clock.now = new Date(c.clock);
  const externalId = `bench-${c.id}-${n}`;
  const customer = await models.Customer.create({ identities: [{ channel: c.channel, externalId }], ...c.customer });
  await models.CustomerIdentity.create({ channel: c.channel, externalId, customer: customer._id });
  const names: Record<string, string> = { customer: String(customer._id) };
  for (const s of c.setup) {
    const Model = models[s.model] as unknown as { create(doc: unknown): Promise<{ _id: unknown }> };
    names[s.as ?? s.model] = String((await Model.create(substitute(s.fields, names)))._id);
  }
  // The widget opens the chat (greeting and menu) before the customer types; WeChat does not.
  const localeHint = c.channel === 'web' ? file.locale : undefined;
  let last: OutboundMessage[] = [];
  let conversationId: string | undefined;
  const turns: PlayedTurn[] = [];
  let sent = 0;
  const send = async (text: string) => {
    // "#2" presses the second button of the bot's last message (widget only).
    const button = /^#(\d)$/.exec(text);
    const offered = last.flatMap((r) => r.quickReplies ?? []);
    const choice = button ? offered[Number(button[1]) - 1]?.value : undefined;
    const label = button ? (offered[Number(button[1]) - 1]?.label ?? text) : text;
    const result = await service.receive(
      { channel: c.channel, externalUserId: externalId, conversationKey: externalId, channelMessageId: `${externalId}-${sent++}`, text: button ? label : text, choice, localeHint },
      { inlineReplies: true },
    );
    conversationId = result.conversationId;
    last = await result.replies;
    return last;
  };
  if (c.channel === 'web') {
    ({ conversationId, replies: last } = await service.open({ channel: 'web', externalUserId: externalId, conversationKey: externalId, localeHint }));
  }
  for (const text of c.before) await send(text);
  if (c.start) {
    const started = await service.startFlow({ customerId: String(customer._id), channel: c.channel, flowId: c.start.flow, values: substitute(c.start.values, names) as Record<string, unknown> });
    ({ conversationId, replies: last } = started);
  }
  const say = async (text: string, scripted: boolean) => {
    const replies = await send(text);
    const asked = askedTopic(replies);
    turns.push({ customer: text, scripted, replies, asked, question: asked ? replies[replies.length - 1].text.split('\n').pop() : undefined });
  };
  for (const text of c.says) await say(text, true);
  for (let i = 0; i < MAX_SIMULATED_TURNS; i++) {
    const topic = turns[turns.length - 1]?.asked;
    const answer = topic && answerFor(topic, c, file.locale as Locale);
    if (!answer) break;
    await say(answer, false);
  }
  return { turns, problems: await score(c, turns, String(customer._id), conversationId, names) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, verbose: { type: 'boolean', default: false }, json: { type: 'string' } } });
  const files = readBenchFiles(path.resolve(__dirname, '..', 'bench', 'conversations'));
  const dbConfig = loadConfig({ ...process.env, EMBEDDED_DB: process.env.EMBEDDED_DB ?? (process.env.MONGOMS_SYSTEM_BINARY ? 'mongod' : 'mongo-java-server'), DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-conv-')), LOG_LEVEL: 'silent' });
  const database = await openDatabase(dbConfig, log, { memory: !process.env.MONGODB_URI });
  const clock = { now: new Date() };
  const agents = { online: true };
  const services = new Map<string, ConversationService>();
  const byLocale = new Map<string, { total: number; good: number }>();
  const failures = new Map<string, string[]>();
  const report: unknown[] = [];
  let n = 0;
  for (const file of files) {
    if (!services.has(file.profile)) services.set(file.profile, serviceFor(file.profile, clock, agents));
    for (const c of file.conversations) {
      if (values.only && values.only !== c.id && values.only !== c.category) continue;
      agents.online = c.agentsOnline;
      const { turns, problems } = await play(services.get(file.profile)!, file, c, n++, clock);
      const stats = byLocale.get(file.locale) ?? { total: 0, good: 0 };
      stats.total += 1;
      if (!problems.length) stats.good += 1;
      byLocale.set(file.locale, stats);
      if (problems.length) failures.set(`${file.profile}/${c.category}`, [...(failures.get(`${file.profile}/${c.category}`) ?? []), `${c.id}: ${problems.join('; ')}`]);
      report.push({ id: c.id, locale: file.locale, profile: file.profile, category: c.category, ok: !problems.length, problems, turns: turns.map((t) => ({ customer: t.customer, bot: t.replies.map((r) => r.text + (r.quickReplies ? ` [${r.quickReplies.map((q) => q.label).join(' | ')}]` : '')), asked: t.asked })) });
      if (values.verbose && problems.length) {
        process.stdout.write(`\n✗ ${c.id} (${file.locale}, ${file.profile}, ${c.category}): ${problems.join('; ')}\n`);
        for (const t of turns) process.stdout.write(`   ${t.scripted ? 'customer' : 'customer*'}> ${t.customer}\n${t.replies.map((r) => `   bot> ${r.text.replace(/\n/g, ' ')}${r.quickReplies ? ` [${r.quickReplies.map((q) => q.label).join(' | ')}]` : ''}`).join('\n')}\n`);
      }
    }
  }
  process.stdout.write('\nConversations served well, per language:\n');
  let total = 0;
  let good = 0;
  for (const [locale, s] of byLocale) {
    total += s.total;
    good += s.good;
    process.stdout.write(`  ${locale.padEnd(6)} ${String(s.good).padStart(3)}/${String(s.total).padEnd(3)} ${((100 * s.good) / s.total).toFixed(1)}%\n`);
  }
  process.stdout.write(`  all    ${String(good).padStart(3)}/${String(total).padEnd(3)} ${((100 * good) / Math.max(total, 1)).toFixed(1)}%\n`);
  if (failures.size) {
    process.stdout.write('\nFailing, by profile/category:\n');
    for (const [category, list] of [...failures].sort((a, b) => b[1].length - a[1].length)) {
      process.stdout.write(`  ${category}: ${list.length}\n${list.map((l) => `    - ${l}`).join('\n')}\n`);
    }
  }
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(report, null, 1));
  await database.close();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
