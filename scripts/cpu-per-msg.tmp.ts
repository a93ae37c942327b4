import mongoose from 'mongoose';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { loadBot } from '../src/conversation/bot';
import { startDatabaseServer } from '../src/db/database';
import { ConversationService } from '../src/conversation/conversation.service';
import { EventBus } from '../src/conversation/events';
import { Outbox } from '../src/conversation/outbox';
import { AdapterRegistry } from '../src/channels/registry';
const log = pino({ level: 'error' });
const TEXTS = ['菜单', '请问你们几点上班', '2', '谢谢', '你们周末上班吗', 'hello, what do you offer?', '1'];
(async () => {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', DATA_DIR: '/tmp/cpu-bench', EMBEDDED_DB: 'mongo-java-server', DB_FRESH: 'true' });
  const engine = loadBot(config);
  const db = await startDatabaseServer(config, log, { memory: true });
  await mongoose.connect(db.uri, { autoIndex: false });
  await Promise.all(Object.values(mongoose.models).map((m) => m.createIndexes()));
  const events = new EventBus(() => undefined);
  const service = new ConversationService({ engine, events, log, outbox: new Outbox({ registry: new AdapterRegistry(), events, log }), agentsAvailable: async () => true });
  const run = async (tag: string, n: number) => {
    const c0 = process.cpuUsage(); const t = Date.now();
    let engineUs = 0;
    await Promise.all(Array.from({ length: 10 }, async (_, c) => {
      for (let i = 0; i < n; i++) { const r = await service.receive({ channel: 'web', externalUserId: `${tag}${c}`, conversationKey: `${tag}${c}`, channelMessageId: `${tag}${c}-${i}`, text: TEXTS[(i + c) % TEXTS.length] }, { inlineReplies: true }); await r.replies; }
    }));
    const cpu = process.cpuUsage(c0);
    console.log(tag, 'msgs', 10 * n, 'wall', Date.now() - t, 'ms; node cpu per message', ((cpu.user + cpu.system) / 1000 / (10 * n)).toFixed(2), 'ms');
    void engineUs;
  };
  await run('w', 30); await run('m', 60);
  // engine alone per turn
  const c0 = process.cpuUsage();
  for (let i = 0; i < 2000; i++) await engine.turn({ conversation: { id: 'x', channel: 'web', isNew: false, status: 'bot', suspended: [], notUnderstood: 0 }, customer: { id: 'c', gender: 'unknown', locale: 'zh-CN', localeKnown: true }, input: { text: TEXTS[i % TEXTS.length] }, now: new Date(), agentsAvailable: true });
  const e = process.cpuUsage(c0); console.log('engine cpu per turn', ((e.user + e.system) / 1000 / 2000).toFixed(2), 'ms');
  await mongoose.disconnect(); await db.server?.stop();
})();
