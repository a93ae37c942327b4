import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freeLoopbackPort } from '../../src/db/embedded/wait';

const ROOT = path.resolve(__dirname, '..', '..');

/** A service started as `npm start` runs it (src/main.ts through tsx), in a process of its own. */
export interface ServiceProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
  /** SIGTERM and wait; SIGKILL after a while. */
  stop(): Promise<void>;
}

/** True while something accepts connections on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.destroy() && resolve(true));
    socket.once('error', () => resolve(false));
  });
}

/** Whether a process with this pid is alive. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until fn() is truthy or the time runs out; returns the last value. */
export async function waitFor<T>(fn: () => Promise<T> | T, timeoutMs: number, stepMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await fn();
  while (!value && Date.now() < until) {
    await new Promise((r) => setTimeout(r, stepMs));
    value = await fn();
  }
  return value;
}

/**
 * Starts a service process with `env` on a free port and waits until /healthz answers (any
 * status: a test may start it without a database). Rejects with its output if it exits first.
 */
export async function startServiceProcess(env: Record<string, string>, options: { waitFor?: 'healthy' | 'listening'; timeoutMs?: number } = {}): Promise<ServiceProcess> {
  const port = await freeLoopbackPort();
  // node itself with tsx as a loader (not the tsx CLI, which would run the service in a child):
  // signals, kill -9 included, reach the service process.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-process-')), NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(port), ADMIN_PASSWORD: 'first-admin-password', ADMIN_EMAIL: 'boss@example.com', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => (gone = true));
  const until = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (gone) throw new Error(`the service exited before it answered:\n${output.slice(-3000)}`);
    const res = await fetch(`${url}/healthz`).catch(() => undefined);
    if (res && (options.waitFor === 'listening' || res.status === 200)) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`the service did not become healthy in time:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
