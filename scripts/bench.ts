/**
 * npm run bench — how fast the service answers, on the embedded database as `npm start` runs it
 * (mongo-java-server, H2 file committed after every write; or MONGODB_URI). Prints, in one run:
 * the engine alone (turns/s); the whole path of a customer message (store, queue, lease, turn,
 * replies, commit) with 1, 10 and 50 customers in parallel (messages/s, p50/p95/p99); database
 * operations per message (the driver's command monitoring); the raw driver's findOneAndUpdate/s on
 * the same server and the ratio messages/s × operations per message ÷ raw operations/s; the
 * console's waiting-queue query and a report query at 1k and 100k conversations, and the whole path
 * again with 100k conversations stored. A warm-up run comes first (not counted). The last line is
 * one JSON object with the figures. Numbers are measured, never asserted.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose, { Types } from 'mongoose';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { loadBot } from '../src/conversation/bot';
import { startDatabaseServer } from '../src/db/database';
import { ConversationService } from '../src/conversation/conversation.service';
import { EventBus } from '../src/conversation/events';
import { Outbox } from '../src/conversation/outbox';
import { AdapterRegistry } from '../src/channels/registry';
import { waitingQueue } from '../src/conversation/queue';
import { Conversation } from '../src/domain/models';
import type { Engine, EngineTurn } from '../src/conversation/engine';

const log = pino({ level: 'warn' });
/** Follow-up messages that keep the bot answering (a hand-off would end the bot's part). */
const TEXTS = ['菜单', '请问你们几点上班', '2', '谢谢', '你们周末上班吗', 'hello, what do you offer?', '1'];
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

async function engineAlone(engine: Engine): Promise<number> {
  const base: EngineTurn = {
    conversation: { id: 'bench', channel: 'web', isNew: false, status: 'bot', suspended: [], notUnderstood: 0 },
    customer: { id: 'c', gender: 'unknown', locale: 'zh-CN', localeKnown: true },
    input: { text: '菜单' },
    now: new Date('2026-11-23T10:00:00+08:00'),
    agentsAvailable: true,
  };
  const turn = (i: number) => engine.turn({ ...base, input: { text: TEXTS[i % TEXTS.length] } });
  for (let i = 0; i < 500; i++) await turn(i);
  const n = 10_000;
  const t = performance.now();
  for (let i = 0; i < n; i++) await turn(i);
  const ms = performance.now() - t;
  const perSec = Math.round((n / ms) * 1000);
  console.log(`engine alone: ${n} turns in ${ms.toFixed(0)} ms = ${perSec} turns/s (${((ms / n) * 1000).toFixed(0)} µs/turn)`);
  return perSec;
}

/** Counts the commands the driver sends (command monitoring) while `fn` runs. */
async function counting<T>(fn: () => Promise<T>): Promise<{ result: T; commands: number; byName: Record<string, number> }> {
  const byName: Record<string, number> = {};
  const client = mongoose.connection.getClient();
  const listen = (e: { commandName: string }) => {
    byName[e.commandName] = (byName[e.commandName] ?? 0) + 1;
  };
  client.on('commandStarted', listen);
  try {
    const result = await fn();
    return { result, commands: Object.values(byName).reduce((a, b) => a + b, 0), byName };
  } finally {
    client.off('commandStarted', listen);
  }
}

async function wholePath(service: ConversationService, customers: number, perCustomer: number, run: string, label = 'whole path') {
  const latencies: number[] = [];
  const t = performance.now();
  await Promise.all(
    Array.from({ length: customers }, async (_, c) => {
      const user = `${run}-${c}`;
      // The conversation opens the way customers start: greeting and menu first (not counted).
      await service.receive({ channel: 'web', externalUserId: user, conversationKey: user, channelMessageId: `${user}-open`, text: '你好' }, { inlineReplies: true }).then((r) => r.replies);
    }),
  );
  const opened = performance.now() - t;
  const measured = await counting(async () => {
    const start = performance.now();
    await Promise.all(
      Array.from({ length: customers }, async (_, c) => {
        const user = `${run}-${c}`;
        for (let i = 0; i < perCustomer; i++) {
          const sent = performance.now();
          const r = await service.receive({ channel: 'web', externalUserId: user, conversationKey: user, channelMessageId: `${user}-${i}`, text: TEXTS[(i + c) % TEXTS.length] }, { inlineReplies: true });
          await r.replies;
          latencies.push(performance.now() - sent);
        }
      }),
    );
    return performance.now() - start;
  });
  const n = customers * perCustomer;
  latencies.sort((a, b) => a - b);
  const perSec = Math.round((n / measured.result) * 1000);
  const figures = { customers, messages: n, perSec, p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), opsPerMessage: round(measured.commands / n, 2) };
  console.log(
    `${label}, ${customers} customer(s) in parallel: ${n} follow-up messages in ${measured.result.toFixed(0)} ms = ${perSec} messages/s; ` +
      `p50 ${figures.p50} ms, p95 ${figures.p95} ms, p99 ${figures.p99} ms; ${figures.opsPerMessage} database operations per message ` +
      `(${Object.entries(measured.byName).map(([k, v]) => `${k} ${round(v / n, 2)}`).join(', ')}); greetings ${opened.toFixed(0)} ms`,
  );
  return figures;
}

async function rawFindOneAndUpdate(): Promise<number> {
  const col = mongoose.connection.db!.collection<{ _id: number; n: number }>('bench_raw');
  await col.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: i, n: 0 })));
  const workers = 10;
  const durationMs = 3000;
  let ops = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() - t < durationMs) {
        await col.findOneAndUpdate({ _id: w }, { $inc: { n: 1 } }, { returnDocument: 'after' });
        ops += 1;
      }
    }),
  );
  const perSec = Math.round((ops / (performance.now() - t)) * 1000);
  console.log(`raw driver: findOneAndUpdate by _id, ${workers} in parallel: ${perSec} operations/s`);
  return perSec;
}

/** Seeds conversations up to `total` (a spread of channels, statuses and days) for the query timings. */
async function seedConversations(total: number): Promise<void> {
  const have = await Conversation.estimatedDocumentCount();
  const channels = ['web', 'wecom', 'wechat-mp', 'onebot', 'telegram'];
  const customer = new Types.ObjectId();
  const day0 = Date.parse('2026-10-01T00:00:00+08:00');
  for (let from = have; from < total; from += 2000) {
    const docs = Array.from({ length: Math.min(2000, total - from) }, (_, k) => {
      const i = from + k;
      const created = new Date(day0 + (i % 60) * 86_400_000 + (i % 1440) * 60_000);
      const status = i % 50 === 0 ? 'waiting' : i % 7 === 0 ? 'assigned' : i % 3 === 0 ? 'bot' : 'closed';
      return {
        channel: channels[i % channels.length], customer, conversationKey: `seed-${i}`, externalUserId: `seed-${i}`,
        openKey: status === 'closed' ? `closed:seed-${i}` : `seed:${i}`, status, priority: i % 200 === 0 ? 10 : 0,
        waitingSince: status === 'waiting' ? created : undefined, createdAt: created, updatedAt: created, leaseUntil: new Date(0),
        firstHumanResponseAt: status === 'closed' && i % 2 ? new Date(created.getTime() + (i % 600) * 1000) : undefined,
        handoffReason: i % 4 === 0 ? 'customer_request' : undefined,
      };
    });
    await Conversation.collection.insertMany(docs, { ordered: false });
  }
}

/** The monthly report's core: conversations by channel and local day, with handed-off share and first-response time. */
function reportQuery(timeZone: string) {
  return Conversation.aggregate([
    { $match: { createdAt: { $gte: new Date('2026-10-01T00:00:00+08:00'), $lt: new Date('2026-11-01T00:00:00+08:00') } } },
    {
      $facet: {
        byChannelDay: [
          { $group: { _id: { channel: '$channel', day: { $dateToString: { date: '$createdAt', format: '%Y-%m-%d', timezone: timeZone } } }, n: { $sum: 1 }, handedOff: { $sum: { $cond: [{ $ifNull: ['$handoffReason', false] }, 1, 0] } } } },
        ],
        firstResponse: [
          { $match: { firstHumanResponseAt: { $ne: null } } },
          { $group: { _id: '$channel', avgMs: { $avg: { $subtract: ['$firstHumanResponseAt', '$createdAt'] } }, n: { $sum: 1 } } },
        ],
      },
    },
  ]);
}

async function queryTimings(timeZone: string, size: number): Promise<{ waitingMs: number; reportMs: number }> {
  await seedConversations(size);
  const time = async (fn: () => Promise<unknown>) => {
    await fn();
    const t = performance.now();
    for (let i = 0; i < 3; i++) await fn();
    return round((performance.now() - t) / 3);
  };
  const waitingMs = await time(() => waitingQueue());
  const reportMs = await time(() => reportQuery(timeZone));
  console.log(`at ${size.toLocaleString('en')} conversations: waiting queue ${waitingMs} ms, monthly report aggregation ${reportMs} ms`);
  return { waitingMs, reportMs };
}

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-'));
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', DATA_DIR: dataDir, DB_FRESH: 'true' });
  let t = performance.now();
  const engine = loadBot(config);
  console.log(`load flows, wording, catalogue and knowledge once: ${(performance.now() - t).toFixed(0)} ms`);
  const engineTurnsPerSec = await engineAlone(engine);

  // BENCH_MEMORY=1: the embedded server's memory backend (as the tests use it) instead of its H2 file.
  const db = await startDatabaseServer(config, log, { memory: process.env.BENCH_MEMORY === '1' });
  const storage = db.kind !== 'mongo-java-server' ? '' : process.env.BENCH_MEMORY === '1' ? ' (memory backend)' : ` (H2 file under ${dataDir}, committed after every write)`;
  console.log(`database: ${db.kind}${storage}`);
  t = performance.now();
  await mongoose.connect(db.uri.replace(/\/kefu$/, '/kefu_bench'), { monitorCommands: true, autoIndex: false, autoCreate: false });
  await mongoose.connection.dropDatabase();
  await Promise.all(Object.values(mongoose.models).map((m) => m.createIndexes()));
  const events = new EventBus((err) => log.error({ err }, 'listener failed'));
  const service = new ConversationService({ engine, events, log, outbox: new Outbox({ registry: new AdapterRegistry(), events, log }), agentsAvailable: async () => true });
  // Both sides of the ratio are measured warm: the server's JIT compiles the hot path in the first
  // few hundred messages (measured: that run costs the server twice the CPU of a later one).
  await wholePath(service, 10, 30, 'warm', 'warm-up (not counted)');
  const runs = [await wholePath(service, 1, 200, 'one'), await wholePath(service, 10, 50, 'ten'), await wholePath(service, 50, 20, 'fifty')];
  const rawOpsPerSec = await rawFindOneAndUpdate();
  const ten = runs[1];
  const ratio = round((ten.perSec * ten.opsPerMessage) / rawOpsPerSec, 2);
  console.log(`ratio (10 customers): ${ten.perSec} messages/s × ${ten.opsPerMessage} operations ÷ ${rawOpsPerSec} raw operations/s = ${ratio}`);
  const at1k = await queryTimings(config.TIME_ZONE, 1_000);
  const at100k = await queryTimings(config.TIME_ZONE, 100_000);
  // The message path must not depend on how many conversations are stored (it goes by unique keys).
  const big = await wholePath(service, 10, 50, 'big', 'whole path at 100,000 conversations');
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  await db.server?.stop();
  if (!process.env.DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      database: `${db.kind}${storage ? (process.env.BENCH_MEMORY === '1' ? ' memory' : ' h2') : ''}`,
      engineTurnsPerSec,
      messagesPerSec: { 1: runs[0].perSec, 10: runs[1].perSec, 50: runs[2].perSec },
      p50Ms: { 1: runs[0].p50, 10: runs[1].p50, 50: runs[2].p50 },
      p95Ms: { 1: runs[0].p95, 10: runs[1].p95, 50: runs[2].p95 },
      p99Ms: runs[1].p99,
      p99MsAll: { 1: runs[0].p99, 10: runs[1].p99, 50: runs[2].p99 },
      dbOpsPerMessage: ten.opsPerMessage,
      rawOpsPerSec,
      ratio,
      waitingQueueMs: { '1k': at1k.waitingMs, '100k': at100k.waitingMs },
      reportMs: { '1k': at1k.reportMs, '100k': at100k.reportMs },
      messagesPerSecAt100k: big.perSec,
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
