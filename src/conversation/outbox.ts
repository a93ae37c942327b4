import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { ChannelId, OutboundMessage } from '../core/message';
import type { AdapterRegistry } from '../channels/registry';
import type { ConversationRef } from '../channels/channel-adapter';
import { Conversation, type ConversationRecord } from '../domain/conversation/conversation.model';
import { Message, type MessageRecord } from '../domain/message/message.model';
import { INSTANCE_ID } from '../db/lease';
import { ChannelError } from '../errors';
import type { EventBus } from './events';
import { toOutbound } from './message-view';
import { isDuplicateKey } from '../db/create-once';
import { driverCollection } from '../db/driver-collection';

/** A sender holds a message this long by default; a crashed sender's messages are resumed after it. */
const DELIVERY_LOCK_MS = 60_000;
/** Attempts through the outbox (each one after the adapter's own quick retries), then `failed`. */
export const MAX_DELIVERY_ATTEMPTS = 3;
/** The sweep leaves fresh messages to the instance that stored them. */
const SWEEP_MIN_AGE_MS = 5_000;

type Delivery = { state: 'pending' | 'inline' | 'none'; attempts: number; lockedUntil?: Date; owner?: string; after?: Types.ObjectId[] };

const conversationRef = (c: Pick<ConversationRecord, 'channel' | 'externalUserId' | 'conversationKey' | 'replyContext'>): ConversationRef => ({
  channel: c.channel as ChannelId,
  externalUserId: c.externalUserId,
  conversationKey: c.conversationKey,
  replyContext: (c.replyContext ?? undefined) as Record<string, unknown> | undefined,
});

/**
 * The outbox: every outbound message is stored first with its delivery state, then sent by its
 * channel's adapter, one conversation at a time and in order. The instance that stores a message
 * holds it and sends it at once; a message left pending by a crash, or by a retryable failure
 * (bounded attempts with backoff), is resumed by a sweep; a final failure is recorded on the
 * message (agents see it), never dropped.
 */
export class Outbox {
  private readonly chains = new Map<string, Promise<void>>();
  /** Tells the instance that owns a one-connection channel (OneBot WS, wechaty) to look (set by realtime). */
  nudgeOwner: (channel: ChannelId) => void = () => undefined;

  private readonly lockMs: number;
  /** Waits before the outbox's 2nd and 3rd attempts (the adapter already retried quickly). */
  private readonly backoffMs: number[];

  constructor(private readonly deps: { registry: AdapterRegistry; events: EventBus; log: Logger; now?: () => Date; lockMs?: number; retryMs?: number }) {
    this.lockMs = deps.lockMs ?? DELIVERY_LOCK_MS;
    const retry = deps.retryMs ?? 30_000;
    this.backoffMs = [retry, retry * 4];
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Whether messages of this channel are sent at all (web and api are read by their clients). */
  delivers(channel: ChannelId): boolean {
    return this.deps.registry.has(channel);
  }

  /** The delivery fields a new outbound message starts with: held by this instance when it can send. */
  initialDelivery(channel: ChannelId, inline = false): Delivery {
    if (inline) return { state: 'inline', attempts: 0 };
    const adapter = this.deps.registry.get(channel);
    if (!adapter) return { state: 'none', attempts: 0 };
    if (adapter.sendsHere && !adapter.sendsHere()) return { state: 'pending', attempts: 0 };
    return { state: 'pending', attempts: 0, lockedUntil: new Date(this.now().getTime() + this.lockMs), owner: INSTANCE_ID };
  }

  /** Sends each stored message this instance holds, as it is announced. */
  register(): void {
    this.deps.events.on('message.created', ({ message, conversation }) => {
      if (message.direction !== 'out' || message.internal || message.delivery?.state !== 'pending') return;
      if (message.delivery.owner === INSTANCE_ID) this.enqueue(conversation, message, false);
      else this.nudgeOwner(message.channel as ChannelId);
    });
  }

  /**
   * Sends what is due and held by nobody (crashes, backoff, messages for a channel this instance
   * owns), oldest first. Returns how many were taken.
   */
  async resume(channel?: ChannelId): Promise<number> {
    try {
      return await this.resumeDue(channel);
    } catch (err) {
      // The database may be away; the next sweep tries again.
      this.deps.log.error({ err, channel }, 'pending deliveries could not be resumed');
      return 0;
    }
  }

  private async resumeDue(channel?: ChannelId): Promise<number> {
    const now = this.now();
    const due = await Message.find({
      'delivery.state': 'pending',
      createdAt: { $lt: new Date(now.getTime() - (channel ? 0 : SWEEP_MIN_AGE_MS)) },
      ...(channel ? { channel } : {}),
      $and: [
        { $or: [{ 'delivery.lockedUntil': null }, { 'delivery.lockedUntil': { $lt: now } }] },
        { $or: [{ 'delivery.nextAt': null }, { 'delivery.nextAt': { $lte: now } }] },
      ],
    })
      .sort({ createdAt: 1, _id: 1 })
      .limit(200)
      .lean();
    const sendable = due.filter((m) => {
      const adapter = this.deps.registry.get(m.channel as ChannelId);
      return adapter && (!adapter.sendsHere || adapter.sendsHere());
    });
    const conversations = new Map<string, ConversationRecord>();
    for (const c of await Conversation.find({ _id: { $in: [...new Set(sendable.map((m) => String(m.conversation)))] } }).lean()) conversations.set(String(c._id), c);
    for (const m of sendable) {
      const c = conversations.get(String(m.conversation));
      if (c) this.enqueue(c, m, true);
    }
    await Promise.all([...this.chains.values()]);
    return sendable.length;
  }

  private enqueue(conversation: ConversationRecord, message: MessageRecord, claim: boolean): void {
    const key = String(conversation._id);
    const run = (this.chains.get(key) ?? Promise.resolve()).then(() => this.deliver(conversation, message, claim));
    const tail = run.catch((err) => this.deps.log.error({ err, messageId: String(message._id) }, 'delivery bookkeeping failed'));
    this.chains.set(key, tail);
    void tail.then(() => this.chains.get(key) === tail && this.chains.delete(key));
  }

  private async deliver(conversation: ConversationRecord, message: MessageRecord, claim: boolean): Promise<void> {
    const adapter = this.deps.registry.get(message.channel as ChannelId);
    if (!adapter) return;
    if (claim) {
      const now = this.now();
      const held = await Message.findOneAndUpdate(
        { _id: message._id, 'delivery.state': 'pending', $or: [{ 'delivery.lockedUntil': null }, { 'delivery.lockedUntil': { $lt: now } }] },
        { $set: { 'delivery.lockedUntil': new Date(now.getTime() + this.lockMs), 'delivery.owner': INSTANCE_ID } },
        { new: true, lean: true },
      );
      if (!held) return;
    }
    const attempts = (message.delivery?.attempts ?? 0) + 1;
    if (message.delivery?.after?.length) await this.afterEarlier(message.delivery.after);
    try {
      await adapter.send(conversationRef(conversation), [toOutbound(message)]);
      await this.settle(message._id, { 'delivery.state': 'sent', 'delivery.at': this.now(), 'delivery.attempts': attempts });
    } catch (err) {
      const retryable = err instanceof ChannelError && err.retryable && attempts < MAX_DELIVERY_ATTEMPTS;
      const reason = err instanceof ChannelError ? `${err.platform} ${err.platformCode ?? ''}: ${err.message}` : (err as Error).message;
      this.deps.log.error({ err, messageId: String(message._id), channel: message.channel, attempts, retryable }, 'message could not be delivered');
      const set: Record<string, unknown> = { 'delivery.error': reason.slice(0, 500), 'delivery.at': this.now(), 'delivery.attempts': attempts };
      if (retryable) set['delivery.nextAt'] = new Date(this.now().getTime() + this.backoffMs[Math.min(attempts - 1, this.backoffMs.length - 1)]);
      else set['delivery.state'] = 'failed';
      await this.settle(message._id, set);
    }
  }

  /**
   * The previous turn ran on another instance, which may still be sending its replies (a platform's
   * per-chat rate limit queues them there): wait until they leave `pending`, so the customer reads
   * the bot in order. Bounded by the delivery lock: a sender that died is resumed by the sweep.
   */
  private async afterEarlier(earlier: Types.ObjectId[]): Promise<void> {
    const deadline = Date.now() + this.lockMs;
    for (let wait = 25; Date.now() < deadline; wait = Math.min(wait * 2, 400)) {
      if (!(await Message.exists({ _id: { $in: earlier }, 'delivery.state': 'pending' }))) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.deps.log.warn({ earlier: earlier.map(String) }, 'earlier replies still pending: sending after waiting');
  }

  private async settle(id: Types.ObjectId, set: Record<string, unknown>): Promise<void> {
    const updated = await Message.findByIdAndUpdate(id, { $set: set, $unset: { 'delivery.lockedUntil': 1, 'delivery.owner': 1 } }, { new: true, lean: true });
    if (updated) this.deps.events.emit('message.delivery', { message: updated });
  }
}

/**
 * Stores the bot's replies to one turn in one write. Replies to an inbound message get ids derived
 * from it (`reply:<inbound>:<n>`), so a turn run again after a crash stores (and sends) nothing
 * twice; they are timestamped after the inbound message, in order, whichever instance ran the turn.
 */
export async function storeReplies(conversation: ConversationRecord, inbound: MessageRecord | undefined, replies: OutboundMessage[], outbox: Outbox, now: Date): Promise<MessageRecord[]> {
  if (!replies.length) return [];
  const base = Math.max(now.getTime(), (inbound?.createdAt?.getTime() ?? 0) + 1);
  const delivery = outbox.initialDelivery(conversation.channel as ChannelId, !!inbound?.repliesInline);
  // The previous turn's replies are another instance's to send: ours go after them.
  if (delivery.state === 'pending' && conversation.lastReplies?.length && conversation.lastRepliesBy !== INSTANCE_ID) delivery.after = conversation.lastReplies;
  const turnKey = inbound ? String(inbound._id) : new Types.ObjectId().toHexString();
  const docs: MessageRecord[] = replies.map((reply, i) => ({
    _id: new Types.ObjectId(), conversation: conversation._id, customer: conversation.customer, channel: conversation.channel, direction: 'out', author: reply.author,
    text: reply.text, ...(reply.quickReplies?.length ? { quickReplies: reply.quickReplies } : {}), ...(reply.attachments?.length ? { attachments: reply.attachments } : {}), channelMessageId: `reply:${turnKey}:${i}`,
    ...(inbound ? { replyTo: inbound._id } : {}), internal: false, delivery, createdAt: new Date(base + i), updatedAt: new Date(base + i),
  }));
  try {
    // Built whole here (the engine's replies are well formed): one write, no per-field casting.
    await driverCollection<MessageRecord>(Message).insertMany(docs, { ordered: true });
    return docs;
  } catch (err) {
    if (!isDuplicateKey(err) || !inbound) throw err;
    // Stored by an earlier run of this turn that did not get to commit: those are the replies.
    return Message.find({ replyTo: inbound._id }).sort({ createdAt: 1, _id: 1 }).lean();
  }
}
