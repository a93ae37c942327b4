import { createHash } from 'node:crypto';

/**
 * A record id (24 hex digits, an ObjectId) derived from a key: the same key gives the same id on
 * every run. `time` (an ObjectId's first 8 hex digits, its seconds) keeps the id's time meaningful,
 * as ObjectIds sort by it.
 */
export function derivedId(key: string, time = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0')): string {
  return `${time.slice(0, 8)}${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}
