import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * What the fault scripts share: real service processes (`node --import tsx src/main.ts`, each with
 * its own DATA_DIR and PORT), customers on the public client API who retry with their
 * clientMessageId until acknowledged, and small statistics.
 */

export const ROOT = path.resolve(__dirname, '..');
/** Production needs the key of the encrypted personal fields; one per script run, so restarts read their data. */
const PII_KEY = randomBytes(32).toString('base64');

export interface ServiceProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  logFile: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a service process and resolves once /healthz answers 200. */
export async function startService(options: { dataDir: string; port: number; env?: Record<string, string>; label?: string }): Promise<ServiceProcess> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const logFile = path.join(options.dataDir, `service-${options.label ?? 'log'}-${Date.now()}.log`);
  const out = fs.openSync(logFile, 'a');
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(options.port),
    DATA_DIR: options.dataDir,
    EMBEDDED_DB: 'mongo-java-server',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: 'admin@example.com',
    ADMIN_PASSWORD: 'fault-script-admin',
    RECOVERY_INTERVAL_SECONDS: '2',
    BUSINESS_HOURS: 'mon-sun 00:00-24:00',
    PII_KEY,
    // The scripts' customers all come from 127.0.0.1; real ones each have their own address.
    RATE_LIMIT_CONVERSATIONS_PER_IP: 'off',
    RATE_LIMIT_MESSAGES_PER_IP: 'off',
    ...options.env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const service: ServiceProcess = { child, pid: child.pid!, url: `http://127.0.0.1:${options.port}`, logFile, exited };
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (gone) throw new Error(`the service exited while starting; see ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline) throw new Error(`the service did not answer /healthz within 180 s; see ${logFile}`);
    const status = await fetch(`${service.url}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
    if (status === 200) return service;
    await sleep(250);
  }
}

/** The embedded database server the service started (its java child), if any. */
export function javaChildOf(pid: number): number | undefined {
  try {
    const lines = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' }).trim().split('\n');
    const java = lines.map((l) => l.trim().split(/\s+/)).find(([, comm]) => comm === 'java');
    return java ? Number(java[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in MiB (from /proc). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

export function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kefu-fault-${label}-`));
}

/** What one request ended as: an HTTP status, or the kind of network failure. */
export type Outcome = number | 'refused' | 'reset' | 'timeout' | 'other';

function outcomeOf(err: unknown): Outcome {
  const e = err as { name?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'reset';
  return 'other';
}

/** One HTTP call with a timeout; network failures come back as an outcome, never thrown. */
export async function call(url: string, init: { method: string; body?: unknown; token?: string; timeoutMs?: number }): Promise<{ outcome: Outcome; body?: unknown; startedAt: number; ms: number }> {
  const startedAt = Date.now();
  try {
    const res = await fetch(url, {
      method: init.method,
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? 90_000),
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    return { outcome: res.status, body, startedAt, ms: Date.now() - startedAt };
  } catch (err) {
    return { outcome: outcomeOf(err), startedAt, ms: Date.now() - startedAt };
  }
}

/** Texts the bot answers without handing the chat to a person (a loop a customer could write). */
export const TEXTS = ['你好', '今天几点下班', '菜单', '有什么服务', '再见'];

/** One message a customer sent and what came of it. */
export interface SentMessage {
  conversationId: string;
  clientMessageId: string;
  acked: boolean;
  replies: number;
  attempts: number;
  outcomes: Outcome[];
}

/** A website visitor on the client API, retrying every request until it is answered. */
export class Customer {
  conversationId = '';
  token = '';
  readonly sent: SentMessage[] = [];

  constructor(private readonly base: () => string, readonly name: string) {}

  /** POST /conversations until 201 (a lost answer leaves an unused conversation, as a real widget would). */
  async open(deadline: number): Promise<void> {
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      const res = await call(`${this.base()}/api/v1/client/conversations`, { method: 'POST', body: { locale: 'zh-CN' }, timeoutMs: 30_000 });
      if (res.outcome === 201) {
        const body = res.body as { conversationId: string; token: string };
        this.conversationId = body.conversationId;
        this.token = body.token;
        return;
      }
      await sleep(Math.min(2000, 200 * 2 ** attempt));
    }
    throw new Error(`${this.name} could not open a conversation`);
  }

  /** Sends one message with its clientMessageId until the service acknowledges it (200). */
  async say(text: string, clientMessageId: string, deadline: number, onAttempt?: (o: Outcome, ms: number) => void): Promise<SentMessage> {
    const record: SentMessage = { conversationId: this.conversationId, clientMessageId, acked: false, replies: 0, attempts: 0, outcomes: [] };
    this.sent.push(record);
    while (Date.now() < deadline) {
      record.attempts += 1;
      const res = await call(`${this.base()}/api/v1/client/conversations/${this.conversationId}/messages`, { method: 'POST', body: { text, clientMessageId }, token: this.token });
      record.outcomes.push(res.outcome);
      onAttempt?.(res.outcome, res.ms);
      if (res.outcome === 200) {
        record.acked = true;
        record.replies = (res.body as { messages: unknown[] }).messages.length;
        return record;
      }
      await sleep(Math.min(2000, 100 * 2 ** Math.min(record.attempts, 5)));
    }
    return record;
  }
}

/** The q-th quantile (0..1) of a list of numbers. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** Counts of each outcome, as `200×95 503×3 refused×2`. */
export function tally(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(String(o), (counts.get(String(o)) ?? 0) + 1);
  return [...counts.entries()].map(([k, n]) => `${k}×${n}`).join(' ') || '-';
}

/** One scrape of /metrics, read series by series (one scrape: the event-loop histogram resets on each). */
export async function scrape(base: string): Promise<(series: string) => number | undefined> {
  const res = await call(`${base}/metrics`, { method: 'GET', timeoutMs: 5000 });
  const lines = res.outcome === 200 && typeof res.body === 'string' ? res.body.split('\n') : [];
  return (series) => {
    const line = lines.find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };
}

/** One sample of a Prometheus series from /metrics (undefined when it cannot be read). */
export async function metric(base: string, series: string): Promise<number | undefined> {
  return (await scrape(base))(series);
}

/** Waits until the service reports no pending turns or deliveries (its recovery finished the rest). */
export async function drained(base: string, timeoutMs = 180_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const read = await scrape(base);
    if (read('kefu_pending_turns') === 0 && read('kefu_pending_deliveries') === 0) return true;
    await sleep(1000);
  }
  return false;
}

/** The script's flags, with numbers parsed. */
export function flags<T extends Record<string, string>>(defaults: T): { [K in keyof T]: string } {
  const { values } = parseArgs({ options: Object.fromEntries(Object.keys(defaults).map((k) => [k, { type: 'string' as const }])), strict: true });
  return { ...defaults, ...(values as Partial<T>) };
}
