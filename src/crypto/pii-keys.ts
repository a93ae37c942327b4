import fs from 'node:fs';
import path from 'node:path';
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { loadConfig, type Config } from '../config/config';
import { parsePiiKey } from './key-format';

export { parsePiiKey } from './key-format';

/** One configured key: its id (in every ciphertext), the AES-256-GCM key and the keyed-hash key derived from it. */
export interface PiiKey {
  id: string;
  enc: Buffer;
  mac: Buffer;
  /** The key as configured, for deriving other keys (backups). */
  master: Buffer;
}

/** The current key (new writes) and the previous ones (still read, and searched, until rotated away). */
export interface PiiKeyRing {
  current: PiiKey;
  all: PiiKey[];
  byId: Map<string, PiiKey>;
}

const derive = (master: Buffer, info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));

function piiKey(master: Buffer): PiiKey {
  return { id: createHash('sha256').update(master).digest('hex').slice(0, 8), enc: derive(master, 'kefu-pii-enc'), mac: derive(master, 'kefu-pii-hash'), master };
}

let ring: PiiKeyRing | undefined;

/** Sets the keys used from now on (at start, and in tests and scripts). */
export function configurePii(current: Buffer, previous: Buffer[] = []): PiiKeyRing {
  const all = [piiKey(current), ...previous.map(piiKey)];
  ring = { current: all[0], all, byId: new Map(all.map((k) => [k.id, k])) };
  return ring;
}

/** A new random key in base64 (for `.env`, and the generated development key file). */
export function generatePiiKey(): string {
  return randomBytes(32).toString('base64');
}

/**
 * The key ring from the configuration: PII_KEY (required in production) and PII_KEY_PREVIOUS;
 * without PII_KEY outside production, a key kept in DATA_DIR/pii.key (made once, mode 0600), so an
 * embedded database started by `npm start` stays readable across restarts.
 */
export function piiKeysFromConfig(config: Pick<Config, 'PII_KEY' | 'PII_KEY_PREVIOUS' | 'NODE_ENV' | 'DATA_DIR'>, log?: Logger): PiiKeyRing {
  const previous = (config.PII_KEY_PREVIOUS ?? []).map((k) => parsePiiKey(k)!);
  if (config.PII_KEY) return configurePii(parsePiiKey(config.PII_KEY)!, previous);
  if (config.NODE_ENV === 'production') throw new Error('PII_KEY is required in production: the customer and worker archives are encrypted with it (generate one with `openssl rand -base64 32`)');
  const file = path.resolve(config.DATA_DIR, 'pii.key');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `${generatePiiKey()}\n`, { flag: 'wx', mode: 0o600 });
    log?.warn({ file }, 'PII_KEY is not set: generated a key for the personal fields; keep this file with the data and its backups, or set PII_KEY');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = parsePiiKey(fs.readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file} does not hold a 32-byte base64 key`);
  return configurePii(key, previous);
}

/**
 * The keys in use. Configured at start (startService); a test or script that did not configure
 * them gets what the service would use (PII_KEY or the key file), or under NODE_ENV=test a key
 * of the process alone.
 */
export function piiKeys(): PiiKeyRing {
  if (ring) return ring;
  const config = loadConfig();
  if (!config.PII_KEY && config.NODE_ENV === 'test') return configurePii(randomBytes(32));
  return piiKeysFromConfig(config);
}
