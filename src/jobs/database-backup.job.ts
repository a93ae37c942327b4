import path from 'node:path';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { backupFileName, backupKey, pruneBackups, writeBackup } from '../crypto/backup';
import type { JobDefinition } from './scheduler';

/**
 * 备份 (000 §二-2.4, §8-1): on BACKUP_CRON, the whole database to an encrypted file in BACKUP_DIR
 * (the same file `npm run backup` writes), keeping the newest BACKUP_KEEP.
 */
export function databaseBackupJob(deps: { dir: string; cron: string; keep: number; key?: Buffer; log: Logger }): JobDefinition {
  return {
    name: 'database-backup',
    repeat: deps.cron,
    run: async () => {
      const db = mongoose.connection.db;
      if (!db) throw new Error('the database is not connected');
      const written = await writeBackup(db, path.join(deps.dir, backupFileName()), backupKey(deps.key));
      const removed = pruneBackups(deps.dir, deps.keep);
      deps.log.info({ file: written.file, bytes: written.bytes, removed: removed.length }, 'database backup written');
    },
  };
}
