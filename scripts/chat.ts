/**
 * npm run chat -- [--locale zh-CN|zh-TW|en] [--channel terminal|web|…] [--user <id>] [--profile housekeeping|retail]
 * Talk to the bot in the terminal. Records land in the configured database (MONGODB_URI, or the
 * embedded one in DATA_DIR) exactly as on any channel. /new starts over as a new customer, /quit ends.
 */
import 'dotenv/config';
import readline from 'node:readline/promises';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/logging/logger';
import { openDatabase } from '../src/db/database';
import { setReportTimeZone } from '../src/domain/shared/local-day';
import { loadBot } from '../src/conversation/bot';
import { ConversationService } from '../src/conversation/conversation.service';
import { EventBus } from '../src/conversation/events';
import { Outbox } from '../src/conversation/outbox';
import { AdapterRegistry } from '../src/channels/registry';
import { agentsOnline } from '../src/domain/user/presence.service';
import { CHANNELS, LOCALES, type ChannelId, type OutboundMessage } from '../src/core/message';

function show(replies: OutboundMessage[]): void {
  for (const r of replies) {
    process.stdout.write(`\x1b[36mbot>\x1b[0m ${r.text}\n`);
    r.quickReplies?.forEach((q, i) => process.stdout.write(`      ${i + 1}. ${q.label}\n`));
  }
  if (!replies.length) process.stdout.write('\x1b[90m(no reply: a human agent has this chat)\x1b[0m\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { locale: { type: 'string', default: 'zh-CN' }, channel: { type: 'string', default: 'terminal' }, user: { type: 'string' }, profile: { type: 'string' } } });
  if (!(LOCALES as readonly string[]).includes(values.locale!)) throw new Error(`--locale must be one of ${LOCALES.join(', ')}`);
  if (!(CHANNELS as readonly string[]).includes(values.channel!)) throw new Error(`--channel must be one of ${CHANNELS.join(', ')}`);
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...(values.profile ? { COMPANY_PROFILE: values.profile } : {}) });
  const log = createLogger(config);
  setReportTimeZone(config.TIME_ZONE);
  const engine = loadBot(config);
  const database = await openDatabase(config, log);
  const events = new EventBus((err) => log.error({ err }, 'listener failed'));
  // The terminal reads its replies inline: no channel adapter sends anything.
  const service = new ConversationService({ engine, events, log, outbox: new Outbox({ registry: new AdapterRegistry(), events, log }), agentsAvailable: agentsOnline });
  const channel = values.channel as ChannelId;
  let user = values.user ?? `cli-${randomBytes(3).toString('hex')}`;
  let n = 0;
  process.stdout.write(`Chatting as ${user} on ${channel} (${values.locale}); database: ${database.kind}. /new starts over, /quit ends.\n`);
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt('\x1b[33myou>\x1b[0m ');
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit') break;
    if (text === '/new') {
      user = `cli-${randomBytes(3).toString('hex')}`;
      process.stdout.write(`New customer ${user}\n`);
    } else if (text) {
      const result = await service.receive({ channel, externalUserId: user, conversationKey: user, channelMessageId: `${user}-${Date.now()}-${n++}`, text, localeHint: values.locale }, { inlineReplies: true });
      show(await result.replies);
    }
    rl.prompt();
  }
  rl.close();
  await database.close();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
