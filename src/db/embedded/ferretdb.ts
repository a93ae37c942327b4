import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { freeLoopbackPort, waitForMongo } from './wait';

const run = promisify(execFile);
export const FERRETDB_VERSION = 'v1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';

/** Where the project-local FerretDB binary lives (git-ignored). */
export function ferretdbBinaryPath(projectRoot: string): string {
  return path.join(projectRoot, '.tools', 'bin', 'ferretdb');
}

/** True when `go` runs. */
export async function hasGo(): Promise<boolean> {
  try {
    await run('go', ['version']);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds FerretDB from the Go module proxy into .tools/bin, once. `go install …@version` cannot be
 * used as is: the proxy refuses the version-list request it makes, and a binary built from the
 * module cache panics without build/version/version.txt, which the release process generates. So
 * the module is downloaded at the exact version, copied, given that file, and built in place.
 */
export async function buildFerretdb(projectRoot: string, log: Logger): Promise<string> {
  const target = ferretdbBinaryPath(projectRoot);
  const srcDir = path.join(projectRoot, '.tools', 'src', `ferretdb-${FERRETDB_VERSION}`);
  log.info({ version: FERRETDB_VERSION }, 'building FerretDB with Go (first run only; takes a few minutes)');
  const started = Date.now();
  const ticker = setInterval(() => log.info({ seconds: Math.round((Date.now() - started) / 1000) }, 'still building FerretDB…'), 15_000);
  try {
    const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
    const { stdout } = await run('go', ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], { env, maxBuffer: 1 << 24 });
    const moduleDir = (JSON.parse(stdout) as { Dir: string }).Dir;
    fs.rmSync(srcDir, { recursive: true, force: true });
    fs.cpSync(moduleDir, srcDir, { recursive: true });
    fs.chmodSync(srcDir, 0o755);
    for (const entry of fs.readdirSync(srcDir, { recursive: true, withFileTypes: true })) {
      const p = path.join(entry.parentPath, entry.name);
      fs.chmodSync(p, entry.isDirectory() ? 0o755 : 0o644);
    }
    fs.writeFileSync(path.join(srcDir, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await run('go', ['build', '-trimpath', '-o', target, './cmd/ferretdb'], { cwd: srcDir, env, maxBuffer: 1 << 24 });
    log.info({ seconds: Math.round((Date.now() - started) / 1000), binary: target }, 'FerretDB built');
    return target;
  } finally {
    clearInterval(ticker);
  }
}

export interface RunningServer {
  uri: string;
  stop(): Promise<void>;
}

/** Starts FerretDB (SQLite backend, telemetry off) on a free loopback port with data in dataDir. */
export async function startFerretdb(binary: string, dataDir: string, log: Logger): Promise<RunningServer> {
  fs.mkdirSync(dataDir, { recursive: true });
  const port = await freeLoopbackPort();
  const child: ChildProcess = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${path.resolve(dataDir)}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${path.resolve(dataDir)}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=error',
      '--log-format=json',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const uri = `mongodb://127.0.0.1:${port}/`;
  try {
    await Promise.race([
      waitForMongo(uri, 30_000),
      exited.then((code) => {
        throw new Error(`FerretDB exited with code ${code}: ${stderr.trim()}`);
      }),
    ]);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  log.info({ port, dataDir }, 'FerretDB started');
  return {
    uri,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
