import { spawn } from 'node:child_process';
import { freeLoopbackPort } from '../../src/db/embedded/wait';
import { portOpen, waitFor } from './service-process';

/** A Redis of the test's own (Debian's redis-server) on a free loopback port, nothing on disk. */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freeLoopbackPort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', () => undefined);
  if (!(await waitFor(() => portOpen(port), 10_000))) {
    child.kill('SIGKILL');
    throw new Error('redis-server did not start (apt-get install redis-server)');
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
