/**
 * npm run bench — how fast the bot answers. Measures (1) the engine alone (flows, wording and
 * intents are loaded once; a turn parses nothing) and (2) the whole path of an inbound message on
 * the embedded database: store, ordered turn under the lock, replies stored. Prints turns/second.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { loadBot } from '../src/conversation/bot';
import { openDatabase } from '../src/db/database';
import { ConversationService } from '../src/conversation/conversation.service';
import { EventBus } from '../src/conversation/events';
import type { EngineTurn } from '../src/conversation/engine';

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', DATA_DIR: process.env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-')), EMBEDDED_DB: process.env.EMBEDDED_DB ?? 'ferretdb' });
  const log = pino({ level: 'warn' });
  let t = performance.now();
  const engine = loadBot(config);
  console.log(`load flows + wording + catalogue once: ${(performance.now() - t).toFixed(1)} ms`);

  const base: EngineTurn = {
    conversation: { id: 'bench', channel: 'web', isNew: false, status: 'bot', suspended: [], notUnderstood: 0 },
    customer: { id: 'c', gender: 'unknown', locale: 'zh-CN', localeKnown: true },
    input: { text: '菜单' },
    now: new Date('2026-11-23T10:00:00+08:00'),
    agentsAvailable: true,
  };
  const texts = ['菜单', '轉人工', 'hello there, I need some help', '你好', '2'];
  const n = 20000;
  for (let i = 0; i < 500; i++) await engine.turn({ ...base, input: { text: texts[i % texts.length] } });
  t = performance.now();
  for (let i = 0; i < n; i++) await engine.turn({ ...base, input: { text: texts[i % texts.length] } });
  const engineMs = performance.now() - t;
  console.log(`engine alone: ${n} turns in ${engineMs.toFixed(0)} ms = ${Math.round((n / engineMs) * 1000)} turns/s (${((engineMs / n) * 1000).toFixed(1)} µs/turn)`);

  const db = await openDatabase(config, log);
  const service = new ConversationService({ engine, events: new EventBus(() => undefined), log, deliversTo: () => false, agentsAvailable: async () => true });
  const m = 300;
  const customers = 10;
  t = performance.now();
  await Promise.all(
    Array.from({ length: customers }, async (_, c) => {
      for (let i = 0; i < m / customers; i++) {
        const r = await service.receive({ channel: 'web', externalUserId: `b${c}`, conversationKey: `b${c}`, channelMessageId: `b${c}-${i}`, text: texts[i % texts.length] }, { inlineReplies: true });
        await r.replies;
      }
    }),
  );
  const fullMs = performance.now() - t;
  console.log(`whole path on ${db.kind}: ${m} messages from ${customers} customers in ${fullMs.toFixed(0)} ms = ${Math.round((m / fullMs) * 1000)} messages/s (${(fullMs / m).toFixed(1)} ms each, ${customers} in parallel)`);
  await db.close();
}

void main();
