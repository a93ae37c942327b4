import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { AppError } from '../../errors';
import { User, type UserDoc } from './user.model';
import { Session } from './session.model';
import { hashPassword, verifyPassword } from './password';
import { recordAudit } from '../audit/audit.service';

export interface SessionSettings {
  ttlHours: number;
  /** LOGIN_MAX_FAILURES wrong passwords in a row lock the account… */
  maxFailures: number;
  /** …for LOGIN_LOCK_MINUTES. */
  lockMinutes: number;
  now?: () => Date;
}

/** The SHA-256 (hex) of a session token: what is stored, and the session's _id. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A signed-in user and the session they came with. */
export interface SignedIn {
  user: UserDoc;
  sessionId: string;
}

/**
 * Console sign-in: checks the password (argon2), locks the account after too many failures,
 * and issues a random session token of which only the hash is stored.
 */
export class SessionService {
  private readonly now: () => Date;
  /** Verified against for unknown e-mails, so their answer takes as long as a wrong password. */
  private decoy?: Promise<string>;

  constructor(private readonly settings: SessionSettings) {
    this.now = settings.now ?? (() => new Date());
  }

  /** Signs in; 401 for a wrong e-mail or password, 423 while the account is locked. */
  async signIn(email: string, password: string, meta: { ip?: string; userAgent?: string } = {}): Promise<{ user: UserDoc; token: string; expiresAt: Date }> {
    const now = this.now();
    const user = await User.findOne({ email: email.trim().toLowerCase() }).select('+passwordHash');
    if (!user || !user.active) {
      this.decoy ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(await this.decoy, password);
      throw new AppError('UNAUTHENTICATED', 'Wrong e-mail or password');
    }
    if (user.lockedUntil && user.lockedUntil > now) throw this.locked(user.lockedUntil);
    if (!(await verifyPassword(user.passwordHash, password))) {
      const failures = (user.failedLogins ?? 0) + 1;
      if (failures >= this.settings.maxFailures) {
        const until = new Date(now.getTime() + this.settings.lockMinutes * 60_000);
        await User.updateOne({ _id: user._id }, { $set: { failedLogins: 0, lockedUntil: until } });
        await recordAudit({ type: 'system', name: 'sign-in' }, 'user.lock', { type: 'User', id: user._id }, { failures, until }, meta.ip);
        throw this.locked(until);
      }
      await User.updateOne({ _id: user._id }, { $set: { failedLogins: failures } });
      throw new AppError('UNAUTHENTICATED', 'Wrong e-mail or password');
    }
    await User.updateOne({ _id: user._id }, { $set: { failedLogins: 0, lastLoginAt: now }, $unset: { lockedUntil: 1 } });
    await Session.deleteMany({ expiresAt: { $lt: now } });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.settings.ttlHours * 3600_000);
    await Session.create({ _id: sessionIdOf(token), user: user._id, expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) });
    const fresh = (await User.findById(user._id)) ?? user;
    return { user: fresh, token, expiresAt };
  }

  /** The active user a session token belongs to, or undefined (unknown, expired, deactivated). */
  async resolve(token: string | undefined): Promise<SignedIn | undefined> {
    if (!token || token.length > 200) return undefined;
    const sessionId = sessionIdOf(token);
    const session = await Session.findById(sessionId).lean();
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      await Session.deleteOne({ _id: sessionId });
      return undefined;
    }
    const user = await User.findById(session.user);
    if (!user?.active) return undefined;
    return { user, sessionId };
  }

  /** Ends a session (sign-out); returns what it was, if anything. */
  async end(token: string | undefined): Promise<SignedIn | undefined> {
    const current = await this.resolve(token);
    if (token) await Session.deleteOne({ _id: sessionIdOf(token) });
    return current;
  }

  /** Whether the user still has a session that has not expired (another browser or device). */
  async hasSession(userId: Types.ObjectId): Promise<boolean> {
    return !!(await Session.exists({ user: userId, expiresAt: { $gt: this.now() } }));
  }

  private locked(until: Date): AppError {
    return new AppError('ACCOUNT_LOCKED', undefined, { details: { lockedUntil: until.toISOString() } });
  }
}
