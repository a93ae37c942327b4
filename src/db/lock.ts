import { randomBytes } from 'node:crypto';
import { Lock } from './lock.model';

/** A new lock owner id: one per service instance (or per component in one). */
export function newLockOwner(): string {
  return `${process.pid}-${randomBytes(6).toString('hex')}`;
}

/**
 * Takes the named lock for ttlMs, retrying with backoff up to `attempts` times. A lock left by a
 * crashed owner is taken over once it has expired. Returns false if it stayed busy.
 */
export async function acquireLock(key: string, owner: string, ttlMs = 60_000, attempts = 200): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    try {
      await Lock.create({ _id: key, owner, until: new Date(Date.now() + ttlMs) });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    const held = await Lock.findById(key).lean();
    if (held && held.until.getTime() < Date.now()) {
      await Lock.deleteOne({ _id: key, owner: held.owner });
      continue;
    }
    if (i < attempts - 1) await new Promise((r) => setTimeout(r, Math.min(20 * (i + 1), 250)));
  }
  return false;
}

export async function releaseLock(key: string, owner: string): Promise<void> {
  await Lock.deleteOne({ _id: key, owner });
}

/** Runs fn while holding the lock; throws `busy()` when it cannot be had. */
export async function withLock<T>(key: string, owner: string, fn: () => Promise<T>, busy: () => Error, ttlMs?: number): Promise<T> {
  if (!(await acquireLock(key, owner, ttlMs))) throw busy();
  try {
    return await fn();
  } finally {
    await releaseLock(key, owner);
  }
}
