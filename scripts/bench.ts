/**
 * npm run bench — how fast the service answers, on the embedded database as `npm start` runs it
 * (mongo-java-server, H2 file committed after every write; or MONGODB_URI). Prints, in one run:
 * the engine alone (turns/s); database operations per follow-up message (the driver's command
 * monitoring, in a run of its own: monitoring costs CPU, and the service runs without it); the
 * whole path of a customer message (store, queue, lease, turn, replies, commit) with 1, 10 and 50
 * customers in parallel (messages/s, p50/p95/p99, CPU per message of the service and the server);
 * the raw driver's findOneAndUpdate/s on the same server, timed alternately with the 10-customer
 * path five times, and the ratio of the medians: messages/s × operations per message ÷ raw
 * operations/s; the console's waiting-queue query and a report query at 1k and 100k
 * conversations, and the whole path again with 100k conversations stored. A warm-up of 8,000
 * messages comes first (not timed: both JITs are then warm). The last line is one JSON object
 * with the figures. Numbers are measured, never asserted.
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
/** Rounds of 500 messages (10 customers) run before anything is timed. */
const WARM_UP_ROUNDS = Number(process.env.BENCH_WARM_UP_ROUNDS ?? 16);
/** How many times the 10-customer path and the raw operations are timed, one after the other. */
const SIDE_BY_SIDE = 5;

/** The embedded server's process id, for its CPU time (none with MONGODB_URI). */
let serverPid: () => number | undefined = () => undefined;
/** CPU milliseconds used so far by this process and by the database server (Linux /proc; else undefined). */
function cpuNow(): { service: number; server?: number } {
  const own = process.cpuUsage();
  const pid = serverPid();
  let server: number | undefined;
  try {
    // Fields 14 and 15 of /proc/<pid>/stat are user and system time in clock ticks (100 per second on Linux).
    if (pid) server = (fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).map(Number).reduce((a, b) => a + b, 0)) * 10;
  } catch {
    server = undefined;
  }
  return { service: (own.user + own.system) / 1000, server };
}
/** CPU per unit between two cpuNow() readings, as printed: "service 2.1 ms, database 1.4 ms". */
function cpuPer(from: ReturnType<typeof cpuNow>, n: number): { serviceMs: number; serverMs?: number; text: string } {
  const to = cpuNow();
  const serviceMs = round((to.service - from.service) / n, 2);
  const serverMs = to.server === undefined || from.server === undefined ? undefined : round((to.server - from.server) / n, 2);
  return { serviceMs, serverMs, text: `CPU service ${serviceMs} ms${serverMs === undefined ? '' : `, database ${serverMs} ms`}` };
}

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

/**
 * Calls the driver sends while `fn` runs, by command name (the driver's command monitoring: on
 * only for the run that counts, since it costs the service about 0.1 ms per message).
 */
async function counting<T>(fn: () => Promise<T>): Promise<{ result: T; byName: Record<string, number> }> {
  const byName: Record<string, number> = {};
  const client = mongoose.connection.getClient();
  const listen = (e: { commandName: string }) => {
    byName[e.commandName] = (byName[e.commandName] ?? 0) + 1;
  };
  client.on('commandStarted', listen);
  try {
    return { result: await fn(), byName };
  } finally {
    client.off('commandStarted', listen);
  }
}

interface PathOptions {
  label?: string;
  quiet?: boolean;
  /** Count the database operations of the follow-up messages (needs a connection with monitorCommands). */
  count?: boolean;
}

async function wholePath(service: ConversationService, customers: number, perCustomer: number, run: string, { label = 'whole path', quiet = false, count = false }: PathOptions = {}) {
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
  const cpuFrom = cpuNow();
  const start = performance.now();
  const followUps = () =>
    Promise.all(
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
  const byName = count ? (await counting(followUps)).byName : (await followUps(), {});
  const ms = performance.now() - start;
  const n = customers * perCustomer;
  const cpu = cpuPer(cpuFrom, n);
  latencies.sort((a, b) => a - b);
  const perSec = Math.round((n / ms) * 1000);
  const figures = { customers, messages: n, perSec, p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), cpu, byName };
  if (!quiet) {
    console.log(
      `${label}, ${customers} customer(s) in parallel: ${n} follow-up messages in ${ms.toFixed(0)} ms = ${perSec} messages/s; ` +
        `p50 ${figures.p50} ms, p95 ${figures.p95} ms, p99 ${figures.p99} ms; ${cpu.text} per message; greetings ${opened.toFixed(0)} ms`,
    );
  }
  return figures;
}

async function rawFindOneAndUpdate(): Promise<{ perSec: number; cpu: ReturnType<typeof cpuPer> }> {
  const col = mongoose.connection.db!.collection<{ _id: number; n: number }>('bench_raw');
  const workers = 10;
  await col.bulkWrite(Array.from({ length: workers }, (_, i) => ({ updateOne: { filter: { _id: i }, update: { $set: { n: 0 } }, upsert: true } })));
  const durationMs = 3000;
  let ops = 0;
  const cpuFrom = cpuNow();
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
  const cpu = cpuPer(cpuFrom, ops);
  console.log(`raw driver: findOneAndUpdate by _id, ${workers} in parallel: ${perSec} operations/s; ${cpu.text} per operation`);
  return { perSec, cpu };
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
  if (db.server?.pid) serverPid = db.server.pid;
  // A server started by hand (MONGODB_URI): BENCH_SERVER_PID names its process for the CPU figures.
  else if (process.env.BENCH_SERVER_PID) serverPid = () => Number(process.env.BENCH_SERVER_PID);
  const storage = db.kind !== 'mongo-java-server' ? '' : process.env.BENCH_MEMORY === '1' ? ' (memory backend)' : ` (H2 file under ${dataDir}, committed after every write)`;
  console.log(`database: ${db.kind}${storage}`);
  t = performance.now();
  const uri = db.uri.replace(/\/kefu$/, '/kefu_bench');
  const options = { autoIndex: false, autoCreate: false } as const;
  await mongoose.connect(uri, { ...options, monitorCommands: true });
  await mongoose.connection.dropDatabase();
  await Promise.all(Object.values(mongoose.models).map((m) => m.createIndexes()));
  const events = new EventBus((err) => log.error({ err }, 'listener failed'));
  const service = new ConversationService({ engine, events, log, outbox: new Outbox({ registry: new AdapterRegistry(), events, log }), agentsAvailable: async () => true });
  const counted = await wholePath(service, 10, 50, 'count', { quiet: true, count: true });
  const opsPerMessage = round(Object.values(counted.byName).reduce((a, b) => a + b, 0) / counted.messages, 2);
  const byName = Object.entries(counted.byName).map(([k, v]) => `${k} ${round(v / counted.messages, 2)}`).join(', ');
  console.log(`database operations per follow-up message (command monitoring, in a run of its own): ${opsPerMessage} (${byName})`);
  // The timed runs go without command monitoring, as the service runs.
  await mongoose.disconnect();
  await mongoose.connect(uri, options);

  // Both sides of the ratio are measured warm, as a service runs after its first minutes: the
  // server's and Node's JITs take a few thousand messages to compile the hot path (measured: the
  // first 500 messages cost the server 6 ms of CPU each, after 5,000 about 1 ms; Node 3.6 → 1.4 ms).
  const warm: number[] = [];
  for (let r = 0; r < WARM_UP_ROUNDS; r++) warm.push((await wholePath(service, 10, 50, `warm${r}`, { quiet: true })).perSec);
  console.log(`warm-up (not counted), 10 customers, ${WARM_UP_ROUNDS} rounds of 500 messages: ${warm.join(', ')} messages/s`);
  const one = await wholePath(service, 1, 300, 'one');
  const fifty = await wholePath(service, 50, 30, 'fifty');
  // The two sides of the ratio side by side, five times (the machine's load varies): medians.
  const pairs: { ten: Awaited<ReturnType<typeof wholePath>>; raw: Awaited<ReturnType<typeof rawFindOneAndUpdate>> }[] = [];
  for (let k = 0; k < SIDE_BY_SIDE; k++) pairs.push({ ten: await wholePath(service, 10, 150, `ten${k}`), raw: await rawFindOneAndUpdate() });
  const middle = <T>(items: T[], by: (x: T) => number) => [...items].sort((x, y) => by(x) - by(y))[Math.floor(items.length / 2)];
  const ten = middle(pairs.map((p) => p.ten), (x) => x.perSec);
  const raw = middle(pairs.map((p) => p.raw), (x) => x.perSec);
  const rawOpsPerSec = raw.perSec;
  const ratio = round((ten.perSec * opsPerMessage) / rawOpsPerSec, 2);
  console.log(`ratio (10 customers, medians of ${SIDE_BY_SIDE}): ${ten.perSec} messages/s × ${opsPerMessage} operations ÷ ${rawOpsPerSec} raw operations/s = ${ratio}`);
  const runs = [one, ten, fifty];
  const at1k = await queryTimings(config.TIME_ZONE, 1_000);
  const at100k = await queryTimings(config.TIME_ZONE, 100_000);
  // The message path must not depend on how many conversations are stored (it goes by unique keys).
  const big = await wholePath(service, 10, 50, 'big', { label: 'whole path at 100,000 conversations' });
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
      dbOpsPerMessage: opsPerMessage,
      rawOpsPerSec,
      ratio,
      cpuMsPerMessage: { service: ten.cpu.serviceMs, database: ten.cpu.serverMs },
      cpuMsPerRawOp: { service: raw.cpu.serviceMs, database: raw.cpu.serverMs },
      waitingQueueMs: { '1k': at1k.waitingMs, '100k': at100k.waitingMs },
      reportMs: { '1k': at1k.reportMs, '100k': at100k.reportMs },
      messagesPerSecAt100k: big.perSec,
      warmUpMessagesPerSec: warm,
      sideBySide: pairs.map((p) => ({ messagesPerSec: p.ten.perSec, rawOpsPerSec: p.raw.perSec })),
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
