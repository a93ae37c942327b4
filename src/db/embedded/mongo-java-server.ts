import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Logger } from 'pino';
import type { RunningServer, ServerHealth } from './running-server';

const run = promisify(execFile);
const SOURCE_DIR = path.join(__dirname, 'mongo-java-server');
const POM = path.join(SOURCE_DIR, 'pom.xml');
const LAUNCHER = path.join(SOURCE_DIR, 'KefuMongoServer.java');
/** Exit code of the launcher when another server holds the data directory's lock. */
const EXIT_LOCKED = 3;
const READY_TIMEOUT_MS = 60_000;
/** A server that dies this many times in a row without answering is given up on. */
const MAX_FAILED_RESTARTS = 3;

/** Where the resolved jars live (git-ignored), keyed by the pom's hash so a change resolves anew. */
export function jarsDirectory(projectRoot: string): string {
  return path.join(projectRoot, '.tools', 'mongo-java-server', 'jars');
}

function pomHash(): string {
  return createHash('sha256').update(fs.readFileSync(POM)).digest('hex').slice(0, 16);
}

/** True when the jars of the pinned pom are already resolved. */
export function jarsResolved(projectRoot: string): boolean {
  try {
    return fs.readFileSync(path.join(jarsDirectory(projectRoot), '.pom-hash'), 'utf8') === pomHash();
  } catch {
    return false;
  }
}

/**
 * Resolves mongo-java-server and its dependencies from Maven Central with Maven, once, into
 * .tools/mongo-java-server/jars (about 6 MB, ~15 s on the first run). Written to a temporary
 * directory and renamed, so a concurrent start never sees half the jars.
 */
export async function ensureJars(projectRoot: string, log: Logger): Promise<string> {
  const target = jarsDirectory(projectRoot);
  if (jarsResolved(projectRoot)) return target;
  log.info('resolving the embedded database (mongo-java-server) from Maven Central with Maven (first run only)');
  const started = Date.now();
  const ticker = setInterval(() => log.info({ seconds: Math.round((Date.now() - started) / 1000) }, 'still resolving mongo-java-server…'), 10_000);
  const staging = `${target}.${process.pid}.tmp`;
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    await run('mvn', ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`], { maxBuffer: 1 << 24 });
    fs.writeFileSync(path.join(staging, '.pom-hash'), pomHash());
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
    log.info({ seconds: Math.round((Date.now() - started) / 1000), jars: target }, 'mongo-java-server resolved');
    return target;
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    const out = err as { stdout?: string; stderr?: string };
    throw new Error(`Maven could not resolve mongo-java-server: ${(out.stdout ?? '') + (out.stderr ?? '') || (err as Error).message}`.slice(0, 2000));
  } finally {
    clearInterval(ticker);
  }
}

export interface MongoJavaServerOptions {
  jars: string;
  /** Files under this directory (H2 backend, committed after every write); omit for memory only. */
  dataDir?: string;
  heapMb: number;
  log: Logger;
  /** Called once when the server died and could not be brought back. */
  onGiveUp?: (err: Error) => void;
}

interface Child {
  process: ChildProcess;
  port: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the launcher and resolves once it prints its port. */
function spawnServer(opts: MongoJavaServerOptions, port: number): Promise<Child> {
  const args = [`-Xmx${opts.heapMb}m`, '-XX:+UseSerialGC', '-Xss512k', '-cp', path.join(opts.jars, '*'), LAUNCHER, '--port', String(port), '--parent-pid', String(process.pid)];
  if (opts.dataDir) args.push('--data', path.resolve(opts.dataDir));
  // stdin stays an open pipe that is never written: when this process ends (even by kill -9) the
  // pipe closes and the server exits, so it never outlives the service.
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the embedded database did not start within ${READY_TIMEOUT_MS / 1000} s: ${stderr.trim()}`));
    }, READY_TIMEOUT_MS);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const ready = /^\{"ready":true,"port":(\d+)\}$/.exec(line.trim());
      if (!ready) return;
      clearTimeout(timer);
      resolve({ process: child, port: Number(ready[1]), exited });
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`java could not be started: ${err.message}`));
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      const why = code === EXIT_LOCKED ? `another kefu database server is using ${opts.dataDir}` : `exited with ${code ?? signal}`;
      reject(new Error(`the embedded database ${why}: ${stderr.replace(/SLF4J.*\n?/g, '').trim()}`.trim()));
    });
  });
}

/**
 * Starts mongo-java-server on a free loopback port and supervises it: if it dies, it is started
 * again on the same port (the driver reconnects by itself); after MAX_FAILED_RESTARTS failures in
 * a row `onGiveUp` is called. health() says which state it is in.
 */
export async function startMongoJavaServer(opts: MongoJavaServerOptions): Promise<RunningServer> {
  let child = await spawnServer(opts, 0);
  const port = child.port;
  const health: ServerHealth = { state: 'up', restarts: 0 };
  let stopping = false;

  const supervise = (current: Child): void => {
    void current.exited.then(async ({ code, signal }) => {
      if (stopping) return;
      health.lastExit = { code, signal, at: new Date().toISOString() };
      health.state = 'restarting';
      opts.log.error({ code, signal, port }, 'the embedded database stopped; starting it again');
      for (let failures = 0; !stopping; ) {
        try {
          child = await spawnServer(opts, port);
          health.state = 'up';
          health.restarts += 1;
          opts.log.warn({ port, restarts: health.restarts }, 'the embedded database is back');
          supervise(child);
          return;
        } catch (err) {
          failures += 1;
          opts.log.error({ err: (err as Error).message, failures }, 'the embedded database could not be started again');
          if (failures >= MAX_FAILED_RESTARTS) {
            health.state = 'down';
            opts.onGiveUp?.(err as Error);
            return;
          }
          await new Promise((r) => setTimeout(r, 500 * failures));
        }
      }
    });
  };
  supervise(child);
  opts.log.info({ port, dataDir: opts.dataDir ?? '(memory)' }, 'embedded database (mongo-java-server) started');

  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    health: () => ({ ...health }),
    pid: () => child.process.pid,
    async stop() {
      stopping = true;
      const current = child;
      if (current.process.exitCode !== null || current.process.signalCode !== null) return;
      current.process.kill('SIGTERM');
      const timer = setTimeout(() => current.process.kill('SIGKILL'), 5000);
      await current.exited;
      clearTimeout(timer);
    },
  };
}
