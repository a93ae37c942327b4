/**
 * `npm run backup [-- --out <file>]`: the whole database to one encrypted file (BACKUP_DIR by
 * default), with the key of BACKUP_KEY or, unset, derived from PII_KEY. Against MONGODB_URI, or the
 * embedded database when the service is stopped (a running service writes its own scheduled ones).
 */
import 'dotenv/config';
import path from 'node:path';
import mongoose from 'mongoose';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { piiKeysFromConfig } from '../src/crypto/pii-keys';
import { parsePiiKey } from '../src/crypto/key-format';
import { backupFileName, backupKey, writeBackup } from '../src/crypto/backup';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: 'warn' });
  piiKeysFromConfig(config, log);
  const at = process.argv.indexOf('--out');
  const file = path.resolve(at > 0 && process.argv[at + 1] ? process.argv[at + 1] : path.join(config.BACKUP_DIR, backupFileName()));
  const database = await openDatabase(config, log);
  try {
    const started = Date.now();
    const result = await writeBackup(mongoose.connection.db!, file, backupKey(config.BACKUP_KEY ? parsePiiKey(config.BACKUP_KEY) : undefined));
    const docs = Object.values(result.collections).reduce((s, n) => s + n, 0);
    process.stdout.write(`backup: ${docs} documents in ${Object.keys(result.collections).length} collections → ${result.file} (${(result.bytes / 1024).toFixed(1)} KB, ${Date.now() - started} ms)\n`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`backup failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
