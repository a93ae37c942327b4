/**
 * `npm run restore -- <file> [--yes]`: replaces the whole database with a backup. The file is
 * checked whole first (wrong key, altered or damaged: nothing is written); a database that holds
 * anything is replaced only with --yes. Indexes are built again after.
 */
import 'dotenv/config';
import mongoose from 'mongoose';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { piiKeysFromConfig } from '../src/crypto/pii-keys';
import { parsePiiKey } from '../src/crypto/key-format';
import { backupKey, restoreBackup, verifyBackup } from '../src/crypto/backup';

async function main(): Promise<void> {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: npm run restore -- <backup file> [--yes]');
  const config = loadConfig();
  const log = pino({ level: 'warn' });
  piiKeysFromConfig(config, log);
  const key = backupKey(config.BACKUP_KEY ? parsePiiKey(config.BACKUP_KEY) : undefined);
  const counts = await verifyBackup(file, key);
  const database = await openDatabase(config, log);
  try {
    const db = mongoose.connection.db!;
    const existing = (await db.listCollections({}, { nameOnly: true }).toArray()).filter((c) => !c.name.startsWith('system.'));
    const filled = (await Promise.all(existing.map((c) => db.collection(c.name).estimatedDocumentCount()))).reduce((s, n) => s + n, 0);
    if (filled && !process.argv.includes('--yes')) throw new Error(`the database holds ${filled} documents; add --yes to replace them with ${file}`);
    const started = Date.now();
    await restoreBackup(db, file, key);
    await Promise.all(Object.values(mongoose.models).map((m) => m.createIndexes()));
    const docs = Object.values(counts).reduce((s, n) => s + n, 0);
    process.stdout.write(`restore: ${docs} documents in ${Object.keys(counts).length} collections from ${file} (${Date.now() - started} ms)\n`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`restore failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
