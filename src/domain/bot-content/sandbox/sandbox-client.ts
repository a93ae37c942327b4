import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import type { Logger } from 'pino';
import type { Config } from '../../../config/config';
import { AppError } from '../../../errors';
import type { SandboxReply, SandboxRequest } from './sandbox-protocol';

const WORKER = path.join(__dirname, `sandbox.worker${path.extname(__filename)}`);
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const START_TIMEOUT_MS = 60_000;

export interface SandboxOptions {
  config: Config;
  /** The service's database server; the sandbox uses the database `dbName` on it. */
  uri: string;
  dbName: string;
  log: Logger;
  /** Stop the process after this long without a request (0: never; the owner stops it). */
  idleMs?: number;
  /** Remove records older than a day when it starts (a database kept between starts). */
  clean?: boolean;
}

type Pending = { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout };
type Request = { type: 'tests'; bundle: unknown } | ({ type: 'try' } & Record<string, unknown>);

/**
 * The service's handle on a sandbox process (sandbox.worker.ts): started on the first request,
 * requests answered over IPC in any order, stopped when idle. A crash fails the requests in flight
 * with BOT_SANDBOX_FAILED; the next request starts a new process.
 */
export class Sandbox {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idle?: NodeJS.Timeout;
  private stderr = '';

  constructor(private readonly options: SandboxOptions) {}

  /** Sends a request and waits for its answer (at most `timeoutMs`). */
  async request<T>(req: Request, timeoutMs: number): Promise<T> {
    clearTimeout(this.idle);
    await this.start();
    const child = this.child!;
    const id = this.nextId++;
    try {
      return await new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new AppError('BOT_SANDBOX_FAILED', `the test bot did not answer within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        child.send({ ...req, id } as SandboxRequest);
      });
    } finally {
      this.armIdle();
    }
  }

  /** Stops the process; `drop` removes its database first. */
  async stop(drop = false): Promise<void> {
    clearTimeout(this.idle);
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    this.ready = undefined;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (child.connected) child.send({ type: 'stop', drop } satisfies SandboxRequest);
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  }

  private armIdle(): void {
    clearTimeout(this.idle);
    if (this.options.idleMs && !this.pending.size) {
      this.idle = setTimeout(() => void this.stop(), this.options.idleMs);
      this.idle.unref();
    }
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const { config, uri, dbName, log } = this.options;
    const child = fork(WORKER, [], {
      cwd: ROOT,
      execArgv: WORKER.endsWith('.ts') ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.child = child;
    this.stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new AppError('BOT_SANDBOX_FAILED', 'the test bot did not start in time')), START_TIMEOUT_MS);
      child.on('message', (raw) => {
        const msg = raw as SandboxReply;
        if (msg.type === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (msg.type === 'fatal') {
          clearTimeout(timer);
          reject(new AppError('BOT_SANDBOX_FAILED', `the test bot could not start: ${msg.error}`));
        } else {
          const p = this.pending.get(msg.id);
          if (!p) return;
          this.pending.delete(msg.id);
          clearTimeout(p.timer);
          if (msg.ok) p.resolve(msg.result);
          else p.reject(new AppError('BOT_SANDBOX_FAILED', msg.error));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (this.child === child) {
          this.child = undefined;
          this.ready = undefined;
        }
        const why = `the test bot stopped (${signal ?? code})${this.stderr ? `: ${this.stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`;
        if (code !== 0 || signal) log.warn({ code, signal, stderr: this.stderr.slice(-1500) }, 'bot sandbox exited');
        reject(new AppError('BOT_SANDBOX_FAILED', why));
        for (const [id, p] of this.pending) {
          clearTimeout(p.timer);
          p.reject(new AppError('BOT_SANDBOX_FAILED', why));
          this.pending.delete(id);
        }
      });
      child.send({ type: 'init', config, uri, dbName, clean: this.options.clean } satisfies SandboxRequest);
    });
    // A start that failed is forgotten, so the next request tries again.
    this.ready.catch(() => {
      if (this.child === child) {
        this.child = undefined;
        this.ready = undefined;
        child.kill('SIGKILL');
      }
    });
    return this.ready;
  }
}
