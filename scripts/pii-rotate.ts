/**
 * `npm run pii:rotate`: after setting a new PII_KEY (the old one in PII_KEY_PREVIOUS), rewrites
 * every personal field under the new key. Then the old key can be removed.
 */
import 'dotenv/config';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { piiKeysFromConfig } from '../src/crypto/pii-keys';
import { rotatePii } from '../src/crypto/pii-rotation';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: 'warn' });
  const ring = piiKeysFromConfig(config, log);
  const database = await openDatabase(config, log);
  try {
    const counts = await rotatePii((line) => process.stdout.write(`  ${line}\n`));
    process.stdout.write(`pii:rotate: ${Object.values(counts).reduce((s, n) => s + n, 0)} documents now under key ${ring.current.id}\n`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`pii:rotate failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
