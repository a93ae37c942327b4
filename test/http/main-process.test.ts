import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freeLoopbackPort } from '../../src/db/embedded/wait';
import { mongodCached } from '../../src/db/embedded/mongod';

const root = path.resolve(__dirname, '..', '..');

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.destroy() && resolve(true));
    socket.once('error', () => resolve(false));
  });
}

describe('the service process (npm start)', () => {
  it('starts on the embedded database, answers /healthz, and stops cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-main-'));
    const port = await freeLoopbackPort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, EMBEDDED_DB: process.env.MONGOMS_SYSTEM_BINARY || mongodCached() ? 'mongod' : 'mongo-java-server', LOG_LEVEL: 'info', ADMIN_PASSWORD: 'process-test-password', MONGODB_URI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let health: Response | undefined;
      for (let i = 0; i < 150 && !health; i++) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (!health) await new Promise((r) => setTimeout(r, 200));
      }
      expect(health?.status).toBe(200);
      expect(await health!.json()).toMatchObject({ status: 'ok', database: { ok: true } });
      const dbPort = Number(/"port":(\d+),"dataDir"/.exec(output)?.[1] ?? /127\.0\.0\.1:(\d+)\//.exec(output)?.[1]);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('"msg":"stopped"');
      expect(await portOpen(port)).toBe(false);
      if (dbPort) expect(await portOpen(dbPort)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
