/**
 * Builds the embedded FerretDB into .tools/bin unless it is there (CI runs this before the tests so
 * the build shows its own progress). `npm start` and the test setup do the same on demand.
 */
import fs from 'node:fs';
import pino from 'pino';
import { buildFerretdb, ferretdbBinaryPath, hasGo } from '../src/db/embedded/ferretdb';
import { PROJECT_ROOT } from '../src/db/database';

async function main(): Promise<void> {
  const log = pino({ level: 'info', base: undefined });
  const binary = process.env.FERRETDB_BIN ?? ferretdbBinaryPath(PROJECT_ROOT);
  if (fs.existsSync(binary)) {
    log.info({ binary }, 'FerretDB already built');
    return;
  }
  if (!(await hasGo())) {
    log.error('Go is not installed: install Go, or set MONGODB_URI / MONGOMS_SYSTEM_BINARY (see README)');
    process.exit(1);
  }
  await buildFerretdb(PROJECT_ROOT, log);
}

void main();
