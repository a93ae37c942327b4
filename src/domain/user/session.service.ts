import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { AppError } from '../../errors';
import { User, type UserDoc } from './user.model';
import { Session } from './session.model';
import { hashPassword, verifyPassword } from './password';
import { LoginThrottle } from './login-throttle';
import { recordAudit } from '../audit/audit.service';

export interface SessionSettings {
  ttlHours: number;
  /** LOGIN_MAX_FAILURES wrong passwords for one e-mail from one address lock that address out of it… */
  maxFailures: number;
  /** …for LOGIN_LOCK_MINUTES, twice as long with each lock in a row (at most a day). */
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

/** The e-mail as accounts are keyed by it. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Console sign-in: checks the password (argon2) after taking one of the attempts the client's
 * address has left on the e-mail (login-throttle), and issues a random session token of which
 * only the hash is stored. Unknown e-mails take the same steps (a password checked against a
 * decoy hash, attempts counted and locked), so neither the answer nor its timing tells them apart.
 */
export class SessionService {
  private readonly now: () => Date;
  /** The decoy an unknown e-mail's password is checked against: hashed once, at start. */
  private readonly decoy: Promise<string>;
  readonly throttle: LoginThrottle;

  constructor(private readonly settings: SessionSettings) {
    this.now = settings.now ?? (() => new Date());
    this.throttle = new LoginThrottle({ maxFailures: settings.maxFailures, lockMinutes: settings.lockMinutes, now: this.now });
    this.decoy = hashPassword(randomBytes(16).toString('hex'));
  }

  /** Signs in; 401 for a wrong e-mail or password, 423 while this address is locked out of the e-mail. */
  async signIn(email: string, password: string, meta: { ip?: string; userAgent?: string } = {}): Promise<{ user: UserDoc; token: string; expiresAt: Date }> {
    const address = meta.ip ?? 'unknown';
    const wanted = normaliseEmail(email);
    const [found, attempt] = await Promise.all([User.findOne({ email: wanted }).select('+passwordHash'), this.throttle.take(wanted, address)]);
    if (!attempt.ok) throw this.locked(attempt.lockedUntil);
    const user = found?.active ? found : undefined;
    const right = await verifyPassword(user ? user.passwordHash : await this.decoy, password);
    if (!user || !right) {
      const until = await this.throttle.failed(attempt);
      if (!until) throw new AppError('UNAUTHENTICATED', 'Wrong e-mail or password');
      const entity = user ? { type: 'User', id: user._id } : { type: 'LoginThrottle', id: attempt.id };
      await recordAudit({ type: 'system', name: 'sign-in' }, user ? 'user.lock' : 'login.lock', entity, { email: wanted, address, until }, meta.ip);
      throw this.locked(until);
    }
    const now = this.now();
    await this.throttle.succeeded(attempt);
    await User.updateOne({ _id: user._id }, { $set: { lastLoginAt: now } });
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
