import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { createGunzip, createGzip } from 'node:zlib';
import { BSON, type Db } from 'mongodb';
import { piiKeys } from './pii-keys';

/** File layout: magic ‖ key id (8 ASCII hex) ‖ IV (12) ‖ AES-256-GCM(gzip(NDJSON)) ‖ tag (16). */
const MAGIC = Buffer.from('KEFUBAK1');
const HEADER = MAGIC.length + 8 + 12;
const TAG = 16;
const BATCH = 1000;

/** The backup file's key: BACKUP_KEY, else derived from the current PII key. */
export function backupKey(explicit?: Buffer): { id: string; key: Buffer } {
  const key = explicit ?? Buffer.from(hkdfSync('sha256', piiKeys().current.master, Buffer.alloc(0), 'kefu-backup', 32));
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

export class BackupError extends Error {
  override name = 'BackupError';
}

export interface BackupSummary {
  file: string;
  bytes: number;
  collections: Record<string, number>;
}

async function* lines(db: Db, counts: Record<string, number>): AsyncGenerator<string> {
  const collections = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !n.startsWith('system.')).sort();
  yield `${JSON.stringify({ meta: { format: 1, createdAt: new Date().toISOString(), database: db.databaseName, collections } })}\n`;
  for (const name of collections) {
    counts[name] = 0;
    for await (const doc of db.collection(name).find({})) {
      counts[name]++;
      yield `${BSON.EJSON.stringify({ c: name, d: doc }, { relaxed: false })}\n`;
    }
  }
}

/**
 * Writes every collection of the database (documents as canonical Extended JSON, so ObjectIds and
 * dates come back as they were) to one encrypted, compressed file. Personal fields are ciphertext
 * already; the whole file is encrypted again, so nothing in it is readable without the key.
 */
export async function writeBackup(db: Db, file: string, key = backupKey()): Promise<BackupSummary> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const counts: Record<string, number> = {};
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  out.write(Buffer.concat([MAGIC, Buffer.from(key.id, 'ascii'), iv]));
  await pipeline(Readable.from(lines(db, counts)), createGzip(), cipher, out, { end: false });
  await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), (err?: Error | null) => (err ? reject(err) : resolve())));
  fs.renameSync(partial, file);
  return { file, bytes: fs.statSync(file).size, collections: counts };
}

/** The decrypted, decompressed lines of a backup; the authentication tag is checked at the end. */
async function* readLines(file: string, key: { id: string; key: Buffer }): AsyncGenerator<string> {
  const size = fs.statSync(file).size;
  if (size < HEADER + TAG) throw new BackupError(`${file} is not a kefu backup (too short)`);
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(HEADER);
  const tag = Buffer.alloc(TAG);
  fs.readSync(fd, head, 0, HEADER, 0);
  fs.readSync(fd, tag, 0, TAG, size - TAG);
  fs.closeSync(fd);
  if (!head.subarray(0, MAGIC.length).equals(MAGIC)) throw new BackupError(`${file} is not a kefu backup`);
  const id = head.subarray(MAGIC.length, MAGIC.length + 8).toString('ascii');
  if (id !== key.id) throw new BackupError(`${file} was written with another key (${id}; this one is ${key.id}): set BACKUP_KEY or PII_KEY as when it was made`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, head.subarray(MAGIC.length + 8));
  decipher.setAuthTag(tag);
  const body = fs.createReadStream(file, { start: HEADER, end: size - TAG - 1 });
  const gunzip = createGunzip();
  const guard = new Transform({ transform: (chunk, _e, cb) => cb(null, chunk) });
  let failure: Error | undefined;
  const flow = pipeline(body, decipher, gunzip, guard).catch((err: Error) => {
    failure = err;
  });
  const reader = readline.createInterface({ input: guard, crlfDelay: Infinity });
  try {
    for await (const line of reader) if (line) yield line;
  } catch (err) {
    failure ??= err as Error;
  }
  await flow;
  if (failure) throw new BackupError(`${file} does not decrypt: it was altered or damaged (${failure.message})`);
}

/** Reads a whole backup once without writing anything: its collections and counts (and whether it is intact). */
export async function verifyBackup(file: string, key = backupKey()): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for await (const line of readLines(file, key)) {
    if (line.startsWith('{"meta"')) continue;
    const c = (JSON.parse(line) as { c: string }).c;
    counts[c] = (counts[c] ?? 0) + 1;
  }
  return counts;
}

/**
 * Replaces the database with a backup: verified whole first (nothing is written from a damaged or
 * altered file), then every collection is dropped and refilled in batches.
 */
export async function restoreBackup(db: Db, file: string, key = backupKey()): Promise<Record<string, number>> {
  const expected = await verifyBackup(file, key);
  await db.dropDatabase();
  const batches = new Map<string, unknown[]>();
  const flush = async (name: string) => {
    const docs = batches.get(name);
    if (docs?.length) await db.collection(name).insertMany(docs as never[], { ordered: false });
    batches.set(name, []);
  };
  for await (const line of readLines(file, key)) {
    if (line.startsWith('{"meta"')) {
      for (const name of (JSON.parse(line) as { meta: { collections: string[] } }).meta.collections) await db.createCollection(name).catch(() => undefined);
      continue;
    }
    const { c, d } = BSON.EJSON.parse(line, { relaxed: false }) as { c: string; d: unknown };
    const batch = batches.get(c) ?? [];
    batch.push(d);
    batches.set(c, batch);
    if (batch.length >= BATCH) await flush(c);
  }
  for (const name of batches.keys()) await flush(name);
  return expected;
}

/** Keeps the newest `keep` backups of a directory (kefu-*.kfb), deleting the older ones. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => /^kefu-.*\.kfb$/.test(f)).sort().reverse();
  const removed = files.slice(keep);
  for (const f of removed) fs.rmSync(path.join(dir, f));
  return removed;
}

/** The name of a new backup file: kefu-20250701-033000.kfb (UTC). */
export function backupFileName(now = new Date()): string {
  return `kefu-${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}.kfb`;
}
