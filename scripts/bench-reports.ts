/**
 * `npm run bench:reports [-- --conversations 100000]`: seeds the embedded database (in memory, or
 * MONGODB_URI) with a quarter of activity — 100k conversations over 90 days with their SLA metrics,
 * ratings, leads and complaints — and prints how long each report query takes (median of 3 runs).
 * Timings are measured here, never asserted in tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { connectMongoose, startDatabaseServer } from '../src/db/database';
import { configurePii } from '../src/crypto/pii-keys';
import { parseBusinessHours } from '../src/core/calendar/business-hours';
import { localDay, setReportTimeZone } from '../src/domain/shared/local-day';
import { metricOf } from '../src/domain/report/metrics.service';
import { complaintFigures, conversationFigures, dashboard, leadFigures, slaFigures } from '../src/domain/report/dashboard';
import { csatByAgent, dailyReport, monthlyInquiryReport } from '../src/domain/report/periodic-reports';
import { monthlyComplaintAnalysis } from '../src/domain/report/complaint-analysis';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('conversations', 100_000);
const DAYS = 90;
const CHANNELS = ['web', 'wecom', 'wechat-mp', 'wechaty', 'onebot', 'telegram'];
const pick = <T>(xs: T[], i: number) => xs[i % xs.length];
const rand = (() => {
  let s = 42;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
})();

async function seed(now: Date): Promise<void> {
  const db = mongoose.connection.db!;
  const sla = { hours: parseBusinessHours('mon-sun 09:00-21:00'), firstResponseSeconds: 60, resolutionSeconds: 1800 };
  const agents = Array.from({ length: 12 }, () => new Types.ObjectId());
  const customers = Array.from({ length: 2000 }, () => new Types.ObjectId());
  await db.collection('users').insertMany(agents.map((_id, i) => ({ _id, name: `客服${i + 1}`, agentNumber: String(101 + i), email: `a${i}@example.com`, role: 'agent', passwordHash: 'x' })));
  const started = Date.now();
  for (let from = 0; from < N; from += 5000) {
    const conversations: Record<string, unknown>[] = [];
    const metrics: Record<string, unknown>[] = [];
    for (let i = from; i < Math.min(N, from + 5000); i++) {
      const createdAt = new Date(now.getTime() - rand() * DAYS * 86400_000);
      const handed = rand() < 0.3;
      const assignee = handed ? pick(agents, i) : undefined;
      const waitingSince = handed ? new Date(createdAt.getTime() + 60_000) : undefined;
      const firstHumanResponseAt = handed ? new Date(createdAt.getTime() + 60_000 + rand() * 300_000) : undefined;
      const closedAt = new Date(createdAt.getTime() + 120_000 + rand() * 3_600_000);
      const c = {
        _id: new Types.ObjectId(), channel: pick(CHANNELS, i * 7 + (i >> 3)), customer: pick(customers, i), conversationKey: `b${i}`, externalUserId: `b${i}`, openKey: `closed:b${i}`, status: 'closed',
        createdAt, updatedAt: closedAt, closedAt, day: localDay(createdAt), ...(handed ? { waitingSince, firstHumanResponseAt, assignee, handoffReason: 'customer_request' } : {}),
        ...(handed && rand() < 0.5 ? { rating: { overall: 1 + Math.floor(rand() * 5), attitude: 1 + Math.floor(rand() * 5), speed: 1 + Math.floor(rand() * 5), resolution: 1 + Math.floor(rand() * 5), at: closedAt } } : {}),
      };
      conversations.push(c);
      metrics.push(metricOf(c as never, sla));
    }
    await db.collection('conversations').insertMany(conversations, { ordered: false });
    await db.collection('conversation_metrics').insertMany(metrics, { ordered: false });
  }
  const leads = Array.from({ length: N / 10 }, (_, i) => {
    const createdAt = new Date(now.getTime() - rand() * DAYS * 86400_000);
    return { customer: pick(customers, i), need: '咨询', sourceChannel: pick(CHANNELS, i), status: pick(['new', 'assigned', 'contacted', 'signed', 'lost'], i * 3), createdAt, day: localDay(createdAt), history: [] };
  });
  await db.collection('leads').insertMany(leads, { ordered: false });
  const complaints = Array.from({ length: N / 50 }, (_, i) => {
    const createdAt = new Date(now.getTime() - rand() * DAYS * 86400_000);
    return { customer: pick(customers, i), channel: pick(CHANNELS, i), severity: i % 9 ? 'general' : 'serious', category: pick(['attitude', 'delivery', 'quality', 'billing', 'damage'], i), description: '投诉', status: pick(['accepted', 'investigating', 'closed'], i), createdAt, feedbackDueAt: new Date(createdAt.getTime() + 86400_000), statusHistory: [], day: localDay(createdAt) };
  });
  await db.collection('complaints').insertMany(complaints, { ordered: false });
  process.stdout.write(`seeded ${N} conversations (+ metrics), ${leads.length} leads, ${complaints.length} complaints in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

async function time(label: string, run: () => Promise<unknown>): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    await run();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  process.stdout.write(`${label.padEnd(58)} ${ms[1].toFixed(0).padStart(6)} ms  (runs: ${ms.map((m) => m.toFixed(0)).join(', ')})\n`);
}

async function main(): Promise<void> {
  const log = pino({ level: 'warn' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-reports-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, EMBEDDED_DB: process.env.EMBEDDED_DB ?? 'mongo-java-server', DB_HEAP_MB: process.env.DB_HEAP_MB ?? '1536' });
  const server = await startDatabaseServer(config, log, { memory: true });
  const uri = config.MONGODB_URI ? `${config.MONGODB_URI.replace(/\/[^/]*$/, '')}/kefu_bench_reports` : server.uri;
  setReportTimeZone(config.TIME_ZONE);
  configurePii(Buffer.alloc(32, 1));
  await connectMongoose(uri);
  try {
    await mongoose.connection.db!.dropDatabase();
    const now = new Date();
    await seed(now);
    process.stdout.write(`database: ${server.kind}; ${os.cpus().length} cores\n`);
    const to = localDay(now);
    const from30 = localDay(new Date(now.getTime() - 29 * 86400_000));
    const from90 = localDay(new Date(now.getTime() - 89 * 86400_000));
    const month = to.slice(0, 7);
    const targets = { firstResponseSeconds: 60, resolutionSeconds: 1800 };
    await time('conversations by channel/day/hour + CSAT, 30 days', () => conversationFigures({ from: from30, to }));
    await time('conversations by channel/day/hour + CSAT, 90 days (all)', () => conversationFigures({ from: from90, to }));
    await time('SLA (business hours) from metrics, 90 days', () => slaFigures({ from: from90, to }, targets));
    await time('leads by channel and stage, 90 days', () => leadFigures({ from: from90, to }));
    await time('complaints by severity/category/status, 90 days', () => complaintFigures({ from: from90, to }, now));
    await time('whole dashboard (7 aggregations in parallel), 30 days', () => dashboard({ from: from30, to }, targets));
    await time('whole dashboard, 90 days', () => dashboard({ from: from90, to }, targets));
    await time('whole dashboard, 30 days, one channel', () => dashboard({ from: from30, to, channel: 'wecom' }, targets));
    await time('daily report (today)', () => dailyReport(to));
    await time('CSAT per agent, this month', () => csatByAgent(month));
    await time('monthly inquiry analysis, this month', () => monthlyInquiryReport(month));
    await time('monthly complaint analysis, this month', () => monthlyComplaintAnalysis(month));
  } finally {
    await mongoose.disconnect();
    await server.server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:reports failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
