import type { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { Locale } from '../../core/message';
import { User, type Role, type UserDoc } from './user.model';
import { Session } from './session.model';
import { LoginThrottle } from './login-throttle.model';
import { generatePassword, hashPassword, verifyPassword } from './password';
import { recordAudit, type Actor } from '../audit/audit.service';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  agentNumber?: string;
  maxChats?: number;
  skills?: string[];
  groups?: string[];
  locale?: Locale;
}

/** What an admin may change on a user; `null` clears maxChats or locale. */
export interface UserChanges {
  email?: string;
  name?: string;
  role?: Role;
  agentNumber?: string;
  maxChats?: number | null;
  skills?: string[];
  groups?: string[];
  locale?: Locale | null;
  active?: boolean;
}

/** A change that took effect: the user as now stored, and the sessions it ended (their sockets close). */
export interface UserChange {
  user: UserDoc;
  endedSessions: string[];
}

const MIN_PASSWORD = 10;

function checkPassword(password: unknown, field = 'password'): asserts password is string {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD) {
    throw new AppError('VALIDATION_FAILED', `${field} must be at least ${MIN_PASSWORD} characters`, { details: [{ field, message: `at least ${MIN_PASSWORD} characters` }] });
  }
}

/** Next free agent number, 3 digits from 101 up ("我是101号客服人员"); the bot has BOT_NUMBER. */
async function nextAgentNumber(): Promise<string> {
  const numbers = await User.find({}, { agentNumber: 1 }).lean();
  const used = new Set(numbers.map((u) => u.agentNumber));
  for (let n = 101; ; n++) if (!used.has(String(n))) return String(n);
}

/** Ends every session of a user but `except`; returns the ended session ids. */
async function endSessions(userId: Types.ObjectId, except?: string): Promise<string[]> {
  const filter = { user: userId, ...(except ? { _id: { $ne: except } } : {}) };
  const ids = (await Session.find(filter, { _id: 1 }).lean()).map((s) => String(s._id));
  if (ids.length) await Session.deleteMany({ _id: { $in: ids } });
  return ids;
}

export async function getUser(id: string | Types.ObjectId): Promise<UserDoc> {
  const user = await User.findById(id);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return user;
}

export async function findUserByEmail(email: string): Promise<UserDoc | null> {
  return User.findOne({ email: email.trim().toLowerCase() });
}

/** Console users by agent number; disabled ones only when asked. */
export async function listUsers(includeDisabled = false): Promise<UserDoc[]> {
  return User.find(includeDisabled ? {} : { active: true }).sort({ agentNumber: 1 });
}

/** Creates a console user; the password is validated, hashed with argon2 and never stored plain. */
export async function createUser(input: NewUser, actor: Actor): Promise<UserDoc> {
  checkPassword(input.password);
  const user = new User({
    email: input.email,
    name: input.name,
    role: input.role,
    agentNumber: input.agentNumber ?? (await nextAgentNumber()),
    maxChats: input.maxChats,
    skills: input.skills ?? [],
    groups: input.groups ?? [],
    locale: input.locale,
    passwordHash: 'pending',
  });
  await user.validate();
  user.passwordHash = await hashPassword(input.password);
  await user.save();
  await recordAudit(actor, 'user.create', { type: 'User', id: user._id }, { email: user.email, name: user.name, role: user.role, agentNumber: user.agentNumber });
  return user;
}

/** Whether another active admin would remain if `user` stopped being one. */
async function anotherAdmin(user: UserDoc): Promise<boolean> {
  return !!(await User.exists({ _id: { $ne: user._id }, role: 'admin', active: true }));
}

/**
 * An admin changes a user. Disabling signs them out everywhere and sets them offline; the last
 * active admin can be neither disabled nor demoted (409 LAST_ADMIN). The audit record lists each
 * changed field with its old and new value.
 */
export async function updateUser(id: string, changes: UserChanges, actor: Actor): Promise<UserChange> {
  const user = await getUser(id);
  const losesAdmin = user.role === 'admin' && user.active && ((changes.role !== undefined && changes.role !== 'admin') || changes.active === false);
  if (losesAdmin && !(await anotherAdmin(user))) throw new AppError('LAST_ADMIN');
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, raw] of Object.entries(changes) as [keyof UserChanges, unknown][]) {
    const value = key === 'email' && typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
    const before = user.get(key);
    const same = JSON.stringify(before ?? null) === JSON.stringify(value ?? null);
    if (same) continue;
    diff[key] = { from: before ?? null, to: value ?? null };
    user.set(key, value ?? undefined);
  }
  const disabled = changes.active === false && diff.active !== undefined;
  if (disabled) user.presence = 'offline';
  if (!Object.keys(diff).length) return { user, endedSessions: [] };
  await user.save();
  const endedSessions = disabled ? await endSessions(user._id) : [];
  await recordAudit(actor, disabled ? 'user.disable' : diff.active ? 'user.enable' : 'user.update', { type: 'User', id: user._id }, diff);
  return { user, endedSessions };
}

/**
 * An admin sets a new password (generated when none is given, answered once), lifts every
 * sign-in lock on the account and ends the user's sessions.
 */
export async function resetPassword(id: string, password: string | undefined, actor: Actor): Promise<UserChange & { password?: string }> {
  const user = await getUser(id);
  const next = password ?? generatePassword();
  checkPassword(next);
  await User.updateOne({ _id: user._id }, { $set: { passwordHash: await hashPassword(next) } });
  await LoginThrottle.deleteMany({ email: user.email });
  const endedSessions = await endSessions(user._id);
  await recordAudit(actor, 'user.password-reset', { type: 'User', id: user._id }, { generated: !password, sessionsEnded: endedSessions.length });
  return { user, endedSessions, ...(password ? {} : { password: next }) };
}

/** A user changes their own password (the current one must be right); their other sessions end. */
export async function changeOwnPassword(userId: Types.ObjectId, current: string, next: string, keepSession: string): Promise<string[]> {
  checkPassword(next, 'newPassword');
  const user = await User.findById(userId).select('+passwordHash');
  if (!user) throw new AppError('USER_NOT_FOUND');
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw new AppError('VALIDATION_FAILED', 'currentPassword is not your password', { details: [{ field: 'currentPassword', message: 'is not your password' }] });
  }
  await User.updateOne({ _id: user._id }, { $set: { passwordHash: await hashPassword(next) } });
  const ended = await endSessions(user._id, keepSession);
  await recordAudit({ type: 'user', id: user._id, name: user.name }, 'user.password-change', { type: 'User', id: user._id }, { sessionsEnded: ended.length });
  return ended;
}
