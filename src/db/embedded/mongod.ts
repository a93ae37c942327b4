import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import type { RunningServer } from './running-server';

const MARKER = '.mongod-download-failed';
const RETRY_DOWNLOAD_AFTER_MS = 24 * 3600_000;

/** True when mongodb-memory-server's default cache already holds a mongod binary. */
export function mongodCached(): boolean {
  const dir = process.env.MONGOMS_DOWNLOAD_DIR ?? path.join(os.homedir(), '.cache', 'mongodb-binaries');
  try {
    return fs.readdirSync(dir).some((f) => f.startsWith('mongod'));
  } catch {
    return false;
  }
}

/** A failed download is remembered for a day, so each start does not wait for the CDN again. */
export function mongodDownloadFailedRecently(dataDir: string): boolean {
  try {
    return Date.now() - fs.statSync(path.join(dataDir, MARKER)).mtimeMs < RETRY_DOWNLOAD_AFTER_MS;
  } catch {
    return false;
  }
}

export function rememberMongodDownloadFailure(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, MARKER), new Date().toISOString());
}

/** Starts a real mongod through mongodb-memory-server with its files in dataDir (kept on restart). */
export async function startMongod(dataDir: string, systemBinary: string | undefined, log: Logger): Promise<RunningServer> {
  // Loaded lazily: most of our machines never take this path.
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  fs.mkdirSync(dataDir, { recursive: true });
  const server = await MongoMemoryServer.create({
    instance: { dbPath: path.resolve(dataDir), storageEngine: 'wiredTiger', ip: '127.0.0.1' },
    binary: systemBinary ? { systemBinary } : {},
  });
  log.info({ uri: server.getUri(), dataDir }, 'embedded mongod started');
  return {
    uri: server.getUri(),
    async stop() {
      await server.stop({ doCleanup: false });
    },
  };
}
