import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { LoginThrottle as Throttles } from './login-throttle.model';
import { isDuplicateKey } from '../../db/create-once';

export interface ThrottleSettings {
  /** LOGIN_MAX_FAILURES attempts per e-mail and address… */
  maxFailures: number;
  /** …then locked for LOGIN_LOCK_MINUTES, doubling with each lock in a row. */
  lockMinutes: number;
  now: () => Date;
}

/** An attempt that may check the password (it already counts as a failure until it succeeds). */
export interface TakenAttempt {
  ok: true;
  id: Types.ObjectId;
  failures: number;
  locks: number;
}

/** No attempt left for this e-mail from this address until `lockedUntil`. */
export interface RefusedAttempt {
  ok: false;
  lockedUntil: Date;
}

const MAX_LOCK_MS = 24 * 3600_000;
/** An address that signed in to an account is known to it this long. */
const KNOWN_FOR_MS = 30 * 24 * 3600_000;

const keyOf = (email: string, address: string) => createHash('sha256').update(`${email}\n${address}`).digest('hex');

/**
 * The sign-in lockout, per e-mail and client address, counted atomically: an attempt is taken
 * (a conditional $inc) before the password is checked, so a hundred parallel guesses get
 * LOGIN_MAX_FAILURES checks and the rest are refused unchecked. Unknown e-mails are counted the
 * same way, so the answers never tell which accounts exist.
 */
export class LoginThrottle {
  constructor(private readonly settings: ThrottleSettings) {}

  /** Takes one attempt for the pair, or says until when it is locked. */
  async take(email: string, address: string): Promise<TakenAttempt | RefusedAttempt> {
    const now = this.settings.now();
    const record = await this.record(email, address);
    if (record.lockedUntil && record.lockedUntil > now) return { ok: false, lockedUntil: record.lockedUntil };
    if (record.lockedUntil) {
      // The lock ran out: a new round of attempts; `locks` stays, so the next lock lasts longer.
      await Throttles.updateOne({ _id: record._id, lockedUntil: record.lockedUntil }, { $set: { failures: 0 }, $unset: { lockedUntil: 1 } });
    }
    const taken = await Throttles.findOneAndUpdate(
      { _id: record._id, failures: { $lt: this.settings.maxFailures }, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] },
      { $inc: { failures: 1 } },
      { new: true },
    ).lean();
    if (!taken) return { ok: false, lockedUntil: record.lockedUntil && record.lockedUntil > now ? record.lockedUntil : this.lockEnd(now, record.locks ?? 0) };
    return { ok: true, id: taken._id, failures: taken.failures ?? 1, locks: taken.locks ?? 0 };
  }

  /** The password was wrong: the attempt that used the last one locks the pair; returns until when. */
  async failed(attempt: TakenAttempt): Promise<Date | undefined> {
    if (attempt.failures < this.settings.maxFailures) return undefined;
    const until = this.lockEnd(this.settings.now(), attempt.locks);
    await Throttles.updateOne({ _id: attempt.id }, { $set: { lockedUntil: until }, $inc: { locks: 1 } });
    return until;
  }

  /** The password was right: the pair starts afresh and the address is known to the account. */
  async succeeded(attempt: TakenAttempt): Promise<void> {
    const now = this.settings.now();
    await Throttles.updateOne({ _id: attempt.id }, { $set: { failures: 0, locks: 0, lastSuccessAt: now }, $unset: { lockedUntil: 1 } });
    await Throttles.deleteMany({ updatedAt: { $lt: new Date(now.getTime() - KNOWN_FOR_MS) } });
  }

  /** Whether the address signed in to the account lately (the per-account limit spares it). */
  async knownAddress(email: string, address: string): Promise<boolean> {
    const since = new Date(this.settings.now().getTime() - KNOWN_FOR_MS);
    return !!(await Throttles.exists({ key: keyOf(email, address), lastSuccessAt: { $gt: since } }));
  }

  /** Lifts every lock on the e-mail, from every address (an admin's unlock); returns how many there were. */
  async unlock(email: string): Promise<number> {
    const now = this.settings.now();
    const locked = await Throttles.countDocuments({ email, lockedUntil: { $gt: now } });
    await Throttles.updateMany({ email }, { $set: { failures: 0, locks: 0 }, $unset: { lockedUntil: 1 } });
    return locked;
  }

  /** The pair's record, created on its first attempt (a parallel creation is read back). */
  private async record(email: string, address: string) {
    const key = keyOf(email, address);
    const upsert = () => Throttles.findOneAndUpdate({ key }, { $setOnInsert: { key, email, address } }, { upsert: true, new: true }).lean();
    try {
      return (await upsert())!;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return (await upsert())!;
    }
  }

  private lockEnd(now: Date, locksBefore: number): Date {
    const ms = Math.min(MAX_LOCK_MS, this.settings.lockMinutes * 60_000 * 2 ** Math.min(locksBefore, 20));
    return new Date(now.getTime() + ms);
  }
}

