import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { startDatabaseServer } from '../src/db/database';
import { mongodCached } from '../src/db/embedded/mongod';

/**
 * One embedded MongoDB-protocol server for the whole run; each test file makes its own database
 * on it (test/helpers/database.ts). A real mongod where one is at hand (MONGOMS_SYSTEM_BINARY or
 * the mongodb-memory-server cache), else mongo-java-server in memory. MONGODB_URI runs the suite
 * against a real server instead. JEST_NO_DB=1 skips the server for runs of pure unit tests.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.JEST_NO_DB === '1') return;
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    process.env.TEST_DB_KIND = 'external';
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-test-db-'));
  const haveMongod = !!process.env.MONGOMS_SYSTEM_BINARY || mongodCached();
  const config = loadConfig({ DATA_DIR: dataDir, EMBEDDED_DB: haveMongod ? 'mongod' : 'mongo-java-server', MONGOMS_SYSTEM_BINARY: process.env.MONGOMS_SYSTEM_BINARY, DB_HEAP_MB: '1536' });
  const log = pino({ level: 'warn' });
  const started = await startDatabaseServer(config, log, { memory: true });
  process.env.TEST_MONGODB_URI = started.uri;
  process.env.TEST_DB_KIND = started.kind;
  (globalThis as Record<string, unknown>).__KEFU_TEST_DB__ = { server: started.server, dataDir };
}
