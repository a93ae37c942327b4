import type { Types } from 'mongoose';
import type { Logger } from 'pino';
import { User, type UserDoc } from './user.model';
import type { Presence } from './user-kinds';
import { Conversation } from '../conversation/conversation.model';
import { recordAudit, SYSTEM, type Actor } from '../audit/audit.service';

/** Roles that take chats from the queue (admins do not get chats assigned automatically). */
export const SERVING_ROLES = ['agent', 'manager'] as const;

/** Whether any active agent or manager is online to take a hand-off. */
export async function agentsOnline(): Promise<boolean> {
  return !!(await User.exists({ presence: 'online', active: true, role: { $in: SERVING_ROLES } }));
}

/** How many chats each of these users serves now (status `assigned`), by user id. */
export async function activeChats(userIds: Types.ObjectId[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const groups: { _id: Types.ObjectId; n: number }[] = await Conversation.aggregate([
    { $match: { status: 'assigned', assignee: { $in: userIds } } },
    { $group: { _id: '$assignee', n: { $sum: 1 } } },
  ]);
  return new Map(groups.map((g) => [String(g._id), g.n]));
}

export interface PresenceSettings {
  /** PRESENCE_GRACE_SECONDS: how long a user may have no console open before they go offline. */
  graceSeconds: number;
  /** PRESENCE_ON_SIGN_IN: what a sign-in sets. */
  onSignIn: Presence;
  /** Called with the user as stored after each presence change (the app emits `agent.presence`). */
  announce(user: UserDoc): void;
  log: Logger;
  now?: () => Date;
}

/**
 * Presence that tells the truth, kept in MongoDB so every instance sees the same. A user's
 * `presenceSeenAt` moves forward while a console of theirs is open: at sign-in, when a console
 * socket connects or disconnects, and on a heartbeat from each instance for the users whose sockets
 * it holds. A sweep (on every instance, idempotent) sets offline whoever is not offline and was not
 * seen for the grace period: a closed browser, a crashed instance, or a stale "online" found after a
 * restart. A change of presence by choice or by the sweep is audited and announced.
 */
export class PresenceService {
  private readonly sockets = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private readonly now: () => Date;

  constructor(private readonly settings: PresenceSettings) {
    this.now = settings.now ?? (() => new Date());
  }

  /** How often this instance beats and sweeps: a few times per grace period, at most every 10 s. */
  get intervalMs(): number {
    return Math.max(250, Math.min(10_000, (this.settings.graceSeconds * 1000) / 3));
  }

  /** Sweeps once (stale presence from before a restart), then beats and sweeps on a timer. */
  async start(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A sign-in: presence as PRESENCE_ON_SIGN_IN says, seen now. */
  async signedIn(user: UserDoc): Promise<UserDoc> {
    return this.set(user, this.settings.onSignIn, { type: 'user', id: user._id, name: user.name }, 'sign-in');
  }

  /** The user chose a presence (在线 / 离开 / 离线). */
  async choose(user: UserDoc, presence: Presence): Promise<UserDoc> {
    return this.set(user, presence, { type: 'user', id: user._id, name: user.name }, 'choice');
  }

  /** Signed out of the last session: nobody at the desk. */
  async signedOut(userId: Types.ObjectId): Promise<void> {
    const user = await User.findById(userId);
    if (user) await this.set(user, 'offline', { type: 'user', id: user._id, name: user.name }, 'sign-out');
  }

  /** A console socket of this user connected to this instance. */
  connected(userId: string): void {
    this.sockets.set(userId, (this.sockets.get(userId) ?? 0) + 1);
    void this.seen([userId]);
  }

  /** A console socket of this user on this instance went away: the grace period starts now. */
  disconnected(userId: string): void {
    const left = (this.sockets.get(userId) ?? 1) - 1;
    if (left > 0) this.sockets.set(userId, left);
    else this.sockets.delete(userId);
    void this.seen([userId]);
  }

  /** Sets offline every user not seen for the grace period; returns how many. */
  async sweep(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.settings.graceSeconds * 1000);
    const stale = { presence: { $ne: 'offline' }, $or: [{ presenceSeenAt: { $lt: cutoff } }, { presenceSeenAt: null }] };
    const users = await User.find(stale, { _id: 1 }).lean();
    let changed = 0;
    for (const { _id } of users) {
      // Conditional: a heartbeat or a sign-in that came meanwhile (on any instance) wins.
      const user = await User.findOneAndUpdate({ _id, ...stale }, { $set: { presence: 'offline' } }, { new: true });
      if (!user) continue;
      changed++;
      await recordAudit(SYSTEM, 'user.presence', { type: 'User', id: user._id }, { to: 'offline', reason: 'no console open', graceSeconds: this.settings.graceSeconds });
      this.settings.announce(user);
    }
    return changed;
  }

  private async tick(): Promise<void> {
    try {
      await this.seen([...this.sockets.keys()]);
      await this.sweep();
    } catch (err) {
      this.settings.log.warn({ err }, 'presence heartbeat failed');
    }
  }

  private async seen(userIds: string[]): Promise<void> {
    if (!userIds.length) return;
    await User.updateMany({ _id: { $in: userIds } }, { $set: { presenceSeenAt: this.now() } }).catch((err) => this.settings.log.warn({ err }, 'presence update failed'));
  }

  private async set(user: UserDoc, presence: Presence, actor: Actor, reason: string): Promise<UserDoc> {
    const before = user.presence ?? 'offline';
    const saved = (await User.findOneAndUpdate({ _id: user._id }, { $set: { presence, presenceSeenAt: this.now() } }, { new: true })) ?? user;
    if (before !== presence) {
      await recordAudit(actor, 'user.presence', { type: 'User', id: user._id }, { from: before, to: presence, reason });
      this.settings.announce(saved);
    }
    return saved;
  }
}
