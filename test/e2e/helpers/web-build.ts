import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWeb } from '../../../scripts/build-web';

/**
 * Builds web/dist once per test run. Jest runs e2e files in parallel worker processes, and a
 * build replaces the console's hashed assets (rm + write) while another file's service is serving
 * them, which answered 500. The first worker of the run (workers share the parent jest process)
 * builds; the others wait for it.
 */
export async function buildWebOnce(): Promise<void> {
  const key = path.join(os.tmpdir(), `kefu-e2e-web-${process.ppid}`);
  const done = `${key}.done`;
  const failed = `${key}.failed`;
  try {
    fs.mkdirSync(key);
  } catch {
    for (let waited = 0; !fs.existsSync(done); waited += 100) {
      if (fs.existsSync(failed)) throw new Error(`the web build failed in another test worker: ${fs.readFileSync(failed, 'utf8')}`);
      if (waited > 120_000) throw new Error(`the web build of another test worker did not finish (${done})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return;
  }
  try {
    await buildWeb();
  } catch (err) {
    fs.writeFileSync(failed, err instanceof Error ? err.message : String(err));
    throw err;
  }
  fs.writeFileSync(done, new Date().toISOString());
}
