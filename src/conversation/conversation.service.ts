import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { GreetIdentity, Inbox, ReceiveOptions, ReceiveResult } from '../channels/channel-adapter';
import type { ChannelId, InboundMessage, Locale, OutboundMessage } from '../core/message';
import { toLocale } from '../core/text/locale-detect';
import { AppError } from '../errors';
import { Conversation, type ConversationDoc } from '../domain/conversation/conversation.model';
import { Message, type MessageDoc } from '../domain/message/message.model';
import { Customer, type CustomerDoc } from '../domain/customer/customer.model';
import { identifyCustomer, learnAboutCustomer } from '../domain/customer/customer.service';
import { CustomerIdentity } from '../domain/customer/customer-identity.model';
import { ConversationThread } from '../domain/conversation/conversation-thread.model';
import { TurnQueue } from './turn-queue.model';
import type { Engine, EngineResult } from './engine';
import type { EventBus } from './events';
import { newLockOwner, withLock } from '../db/lock';
import { toOutbound } from './message-view';

export interface ConversationServiceDeps {
  engine: Engine;
  events: EventBus;
  log: Logger;
  /** Whether a channel has an adapter that sends (web and api are read by their clients). */
  deliversTo(channel: ChannelId): boolean;
  /** Whether an agent is online to take a hand-off. */
  agentsAvailable(): Promise<boolean>;
  now?: () => Date;
}

/**
 * The door into the service for every channel (Inbox): stores the inbound message first (once per
 * platform message id), then runs the conversation's turns strictly in order under a lease, stores
 * the bot's replies and announces them for delivery.
 */
export class ConversationService implements Inbox {
  private readonly chains = new Map<string, Promise<void>>();
  /** Replies of turns run here for messages received here, handed to the waiting caller. */
  private readonly turnReplies = new Map<string, OutboundMessage[]>();
  private readonly awaited = new Set<string>();
  /** Turns of one conversation run under its lock, so they are strictly ordered across instances. */
  private readonly lockOwner = newLockOwner();
  private readonly now: () => Date;

  constructor(private readonly deps: ConversationServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async receive(msg: InboundMessage, options: ReceiveOptions = {}): Promise<ReceiveResult> {
    const customer = await identifyCustomer(msg.channel, msg.externalUserId, { displayName: msg.displayName, locale: toLocale(msg.localeHint) });
    const conversation = await this.openConversation(msg, customer);
    const text = (msg.text ?? '').slice(0, 8000);
    let inbound: MessageDoc;
    try {
      inbound = await Message.create({
        conversation: conversation._id, customer: customer._id, channel: msg.channel, direction: 'in', author: 'customer',
        text, choice: msg.choice, channelMessageId: msg.channelMessageId, processed: 'pending', repliesInline: options.inlineReplies || undefined,
        payload: msg.localeHint || msg.replyContext ? { localeHint: msg.localeHint, replyContext: msg.replyContext } : undefined,
      });
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      const original = await Message.findOne({ channel: msg.channel, channelMessageId: msg.channelMessageId });
      if (!original) throw err;
      return { duplicate: true, conversationId: String(original.conversation), messageId: String(original._id), replies: this.drain(String(original.conversation)).then(() => this.repliesTo(original._id)) };
    }
    await TurnQueue.create({ _id: inbound._id, conversation: conversation._id });
    // The conversation itself is only written inside its turn (under the lock): on FerretDB 1.x
    // two concurrent updates of one document lose one of them, even on different fields.
    await Customer.updateOne({ _id: customer._id }, { $set: { lastSeenAt: this.now() } });
    this.deps.events.emit('message.created', { message: inbound, conversation });
    const id = String(conversation._id);
    const key = String(inbound._id);
    this.awaited.add(key);
    const replies = this.drain(id)
      .then(() => this.turnReplies.get(key) ?? this.repliesTo(inbound._id))
      .finally(() => {
        this.awaited.delete(key);
        this.turnReplies.delete(key);
      });
    return { duplicate: false, conversationId: id, messageId: key, replies };
  }

  /**
   * Opens a conversation before the customer writes (website widget, client API): the customer
   * and conversation are created, what they told the pre-chat form is kept, and the greeting with
   * the menu is returned.
   */
  async open(
    identity: GreetIdentity,
    profile: { name?: string; phone?: string } = {},
  ): Promise<{ conversationId: string; replies: OutboundMessage[] }> {
    const customer = await identifyCustomer(identity.channel, identity.externalUserId, { displayName: identity.displayName, locale: toLocale(identity.localeHint) });
    if (profile.name || profile.phone) await learnAboutCustomer(String(customer._id), profile);
    const fresh = (await Customer.findById(customer._id)) ?? customer;
    const conversation = await this.openConversation(identity, fresh);
    const id = String(conversation._id);
    let replies: OutboundMessage[] = [];
    await this.serialize(id, async () => {
      const current = await Conversation.findById(id);
      if (!current || current.greetedAt) return;
      replies = await this.applyTurn(current, fresh, undefined, { flowId: 'greeting', values: {} });
    });
    return { conversationId: id, replies };
  }

  /**
   * Inbox.greet: a channel tells us someone arrived before writing (an Official Account follow).
   * Same as open(); the greeting is stored pending and the outbound listener delivers it.
   */
  async greet(identity: GreetIdentity): Promise<void> {
    await this.open(identity);
  }

  /**
   * Starts a flow for a customer without waiting for them (回访 surveys, order confirmations):
   * on their open conversation of that channel, or a new one.
   */
  async startFlow(input: { customerId: string; channel: ChannelId; flowId: string; values: Record<string, unknown> }): Promise<{ conversationId: string; replies: OutboundMessage[] }> {
    const identity = await CustomerIdentity.findOne({ customer: input.customerId, channel: input.channel }).lean();
    if (!identity) throw new AppError('CUSTOMER_NOT_FOUND', `the customer has no ${input.channel} identity`);
    const customer = await Customer.findById(input.customerId);
    if (!customer) throw new AppError('CUSTOMER_NOT_FOUND');
    if (!this.deps.engine.runner.get(input.flowId)) throw new AppError('FLOW_NOT_FOUND', `no flow "${input.flowId}"`);
    const existing = await Conversation.findOne({ customer: customer._id, channel: input.channel, status: { $ne: 'closed' } }).sort({ createdAt: -1 });
    const conversation = existing ?? (await this.openConversation({ channel: input.channel, externalUserId: identity.externalId, conversationKey: identity.externalId }, customer));
    const id = String(conversation._id);
    let replies: OutboundMessage[] = [];
    await this.serialize(id, async () => {
      const fresh = await Conversation.findById(id);
      if (!fresh) return;
      replies = await this.applyTurn(fresh, customer, undefined, { flowId: input.flowId, values: input.values });
    });
    return { conversationId: id, replies };
  }

  /**
   * Runs a change to a conversation (agent claim, reply, close…) in turn with the bot's turns:
   * every write to a conversation document must go through here or a turn.
   */
  withConversation<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    let result: T;
    return this.serialize(conversationId, async () => {
      result = await fn();
    }).then(() => result);
  }

  /** The bot's stored replies to an inbound message (the same ones again for a retried delivery). */
  async repliesTo(messageId: Types.ObjectId): Promise<OutboundMessage[]> {
    const replies = await Message.find({ replyTo: messageId }).sort({ _id: 1 });
    return replies.map(toOutbound);
  }

  private async openConversation(msg: Pick<InboundMessage, 'channel' | 'externalUserId' | 'conversationKey' | 'replyContext'>, customer: CustomerDoc): Promise<ConversationDoc> {
    const openKey = `${msg.channel}:${msg.conversationKey}`;
    const thread = await ConversationThread.findById(openKey).lean();
    if (thread) {
      const current = await Conversation.findById(thread.conversation);
      if (current && current.status !== 'closed' && current.openKey === openKey) return current;
      await ConversationThread.deleteOne({ _id: openKey, conversation: thread.conversation });
    }
    let conversation: ConversationDoc;
    try {
      conversation = await Conversation.create({
        channel: msg.channel, customer: customer._id, conversationKey: msg.conversationKey, externalUserId: msg.externalUserId,
        openKey, replyContext: msg.replyContext, locale: customer.locale, status: 'bot',
      });
    } catch (err) {
      // Another instance opened it first (openKey is unique among conversations).
      if ((err as { code?: number }).code !== 11000) throw err;
      const raced = await Conversation.findOne({ openKey });
      if (!raced) throw err;
      conversation = raced;
    }
    await ConversationThread.updateOne({ _id: openKey }, { $set: { conversation: conversation._id } }, { upsert: true }).catch(async (err: unknown) => {
      // Two first messages of one thread at once (a platform's retry) both upsert: one insert loses.
      if ((err as { code?: number }).code !== 11000) throw err;
      await ConversationThread.updateOne({ _id: openKey }, { $set: { conversation: conversation._id } });
    });
    return conversation;
  }

  /** Runs fn for the conversation after the ones already queued in this process, under its lock. */
  private serialize(conversationId: string, fn: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(conversationId) ?? Promise.resolve();
    const next = previous.then(() =>
      withLock(`conversation:${conversationId}`, this.lockOwner, fn, () => new AppError('CONFLICT', `conversation ${conversationId} is busy in another instance`)),
    );
    const tail = next.catch(() => undefined);
    this.chains.set(conversationId, tail);
    void tail.then(() => {
      if (this.chains.get(conversationId) === tail) this.chains.delete(conversationId);
    });
    return next;
  }

  /** Processes every pending inbound message of the conversation, oldest first. */
  private drain(conversationId: string): Promise<void> {
    return this.serialize(conversationId, async () => {
      for (;;) {
        // Arrival order: createdAt (ms) first, since ObjectIds of two instances are not ordered within a second.
        const next = await TurnQueue.findOne({ conversation: conversationId }).sort({ createdAt: 1, _id: 1 }).lean();
        if (!next) return;
        const pending = await Message.findById(next._id);
        if (!pending || pending.processed !== 'pending') {
          await TurnQueue.deleteOne({ _id: next._id });
          continue;
        }
        const conversation = await Conversation.findById(conversationId);
        const customer = conversation && (await Customer.findById(conversation.customer));
        if (!conversation || !customer) return;
        const key = String(pending._id);
        try {
          const replies = await this.applyTurn(conversation, customer, pending);
          if (this.awaited.has(key)) this.turnReplies.set(key, replies);
          await Message.updateOne({ _id: pending._id }, { $set: { processed: 'done' } });
        } catch (err) {
          this.deps.log.error({ err, conversationId, messageId: key }, 'turn failed');
          const apology: OutboundMessage[] = [{ author: 'bot', text: this.deps.engine.apology(conversation.locale as Locale | undefined) }];
          await Message.updateOne({ _id: pending._id }, { $set: { processed: 'failed' } });
          await this.storeReplies(conversation, pending, apology);
          if (this.awaited.has(key)) this.turnReplies.set(key, apology);
        }
        await TurnQueue.deleteOne({ _id: pending._id });
      }
    });
  }

  private async applyTurn(conversation: ConversationDoc, customer: CustomerDoc, inbound: MessageDoc | undefined, proactive?: { flowId: string; values: Record<string, unknown> }): Promise<OutboundMessage[]> {
    // Plain objects, not mongoose subdocuments: the engine clones and mutates its own copy.
    const plain = conversation.toObject({ depopulate: true, flattenMaps: true });
    const result = await this.deps.engine.turn({
      conversation: {
        id: String(conversation._id), channel: conversation.channel, isNew: !conversation.greetedAt && !proactive, status: conversation.status,
        flow: (plain.flow ?? undefined) as never, suspended: (plain.suspended ?? []) as never, notUnderstood: conversation.notUnderstood,
        offered: plain.offered?.map((o) => ({ label: o.label ?? '', value: o.value ?? '' })),
      },
      customer: {
        id: String(customer._id), name: customer.name ?? undefined, gender: customer.gender, phone: customer.phone ?? undefined,
        locale: (customer.locale ?? 'zh-CN') as Locale, localeKnown: !!customer.locale, updatesVia: customer.updatesVia ?? undefined,
      },
      input: { text: inbound?.text ?? '', choice: inbound?.choice ?? undefined },
      localeHint: (inbound?.payload as { localeHint?: string } | undefined)?.localeHint,
      now: this.now(),
      agentsAvailable: await this.deps.agentsAvailable(),
      proactive,
    });
    const saved = await this.saveState(conversation, result, inbound);
    if (result.locale !== customer.locale) await learnAboutCustomer(String(customer._id), { locale: result.locale });
    await this.storeReplies(saved, inbound, result.replies);
    if (result.handoff) this.deps.events.emit('conversation.updated', { conversation: saved, change: 'handoff' });
    return result.replies;
  }

  /** Writes the turn's state with the revision it was read at: a concurrent writer makes it fail. */
  private async saveState(conversation: ConversationDoc, result: EngineResult, inbound: MessageDoc | undefined): Promise<ConversationDoc> {
    const now = this.now();
    const set: Record<string, unknown> = {
      flow: result.flow, suspended: result.suspended, notUnderstood: result.notUnderstood, offered: result.offered ?? undefined,
      locale: result.locale, greetedAt: conversation.greetedAt ?? now,
    };
    if (inbound) {
      Object.assign(set, { lastCustomerMessageAt: inbound.createdAt, lastMessageAt: inbound.createdAt, lastMessagePreview: inbound.text.slice(0, 200) });
      const replyContext = (inbound.payload as { replyContext?: unknown } | undefined)?.replyContext;
      if (replyContext) set.replyContext = replyContext;
    }
    if (result.handoff) Object.assign(set, { status: 'waiting', waitingSince: now, priority: result.handoff.priority, handoffReason: result.handoff.reason });
    const saved = await Conversation.findOneAndUpdate({ _id: conversation._id, rev: conversation.rev }, { $set: set, $inc: { rev: 1 } }, { new: true });
    if (!saved) throw new AppError('CONFLICT', `conversation ${String(conversation._id)} changed during the turn`);
    return saved;
  }

  private async storeReplies(conversation: ConversationDoc, inbound: MessageDoc | undefined, replies: OutboundMessage[]): Promise<void> {
    const inline = !!inbound?.repliesInline;
    const state = inline ? 'inline' : this.deps.deliversTo(conversation.channel as ChannelId) ? 'pending' : 'none';
    for (const reply of replies) {
      const message = await Message.create({
        conversation: conversation._id, customer: conversation.customer, channel: conversation.channel, direction: 'out', author: reply.author,
        text: reply.text, quickReplies: reply.quickReplies, channelMessageId: `out:${new Types.ObjectId().toHexString()}`,
        replyTo: inbound?._id, delivery: { state, attempts: 0 },
      });
      this.deps.events.emit('message.created', { message, conversation });
    }
    if (replies.length) {
      const last = replies[replies.length - 1];
      await Conversation.updateOne({ _id: conversation._id }, { $set: { lastMessageAt: this.now(), lastMessagePreview: last.text.slice(0, 200) } });
    }
  }
}
