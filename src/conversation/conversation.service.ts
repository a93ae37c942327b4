import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { GreetIdentity, Inbox, ReceiveOptions, ReceiveResult } from '../channels/channel-adapter';
import type { ChannelId, InboundMessage, OutboundMessage } from '../core/message';
import { toLocale } from '../core/text/locale-detect';
import { AppError } from '../errors';
import { Conversation } from '../domain/conversation/conversation.model';
import { Message, type MessageRecord } from '../domain/message/message.model';
import { Customer } from '../domain/customer/customer.model';
import { identifyCustomer, learnAboutCustomer, seenCustomer } from '../domain/customer/customer.service';
import { CustomerIdentity } from '../domain/customer/customer-identity.model';
import type { Engine } from './engine';
import type { EventBus } from './events';
import type { Outbox } from './outbox';
import { toOutbound } from './message-view';
import { createWithInbound, dropPending, enqueueInbound, openConversation, openKeyOf, releaseTurnLease, type Queued } from './turns/conversation-store';
import { TurnProcessor } from './turns/turn-processor';
import { isDuplicateKey } from '../db/create-once';
import { driverCollection } from '../db/driver-collection';

export interface ConversationServiceDeps {
  engine: Engine;
  events: EventBus;
  log: Logger;
  outbox: Outbox;
  /** Whether an agent is online to take a hand-off. */
  agentsAvailable(): Promise<boolean>;
  now?: () => Date;
}

/**
 * The door into the service for every channel (Inbox). A message is stored first (once per
 * platform message id: a retried delivery is answered with the same replies), queued on its
 * conversation, and its turn runs on whichever instance holds the conversation's lease, strictly
 * in arrival order (TurnProcessor). Every write is an atomic single-document operation; a follow-up
 * message costs 5 database round trips when nobody else holds the conversation (queue and lease,
 * customer, message, replies, commit).
 */
export class ConversationService implements Inbox {
  readonly turns: TurnProcessor;
  private readonly now: () => Date;

  constructor(private readonly deps: ConversationServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.turns = new TurnProcessor({ engine: deps.engine, events: deps.events, log: deps.log, outbox: deps.outbox, agentsAvailable: deps.agentsAvailable, now: this.now });
  }

  async receive(msg: InboundMessage, options: ReceiveOptions = {}): Promise<ReceiveResult> {
    const now = this.now();
    const inboundId = new Types.ObjectId();
    // Queued first (one round trip finds the open conversation, queues the id, takes the lease),
    // written next: a turn that meets the id before the message waits a moment for it.
    let queued = await enqueueInbound(openKeyOf(msg), inboundId, this.turns.owner, now);
    const speaker = queued && queued.conversation.externalUserId === msg.externalUserId ? await seenCustomer(queued.conversation.customer, now) : undefined;
    const customer = speaker ?? (await identifyCustomer(msg.channel, msg.externalUserId, { displayName: msg.displayName, locale: toLocale(msg.localeHint) }, now));
    queued ??= await createWithInbound(msg, customer, inboundId, this.turns.owner, now);
    const conversation = queued.conversation;
    const inbound: MessageRecord = {
      _id: inboundId, conversation: conversation._id, customer: customer._id, channel: msg.channel, direction: 'in', author: 'customer',
      text: msg.text ?? '', channelMessageId: msg.channelMessageId, internal: false, createdAt: now, updatedAt: now,
      ...(msg.choice ? { choice: msg.choice.slice(0, 200) } : {}),
      ...(msg.attachments?.length ? { attachments: msg.attachments } : {}),
      ...(options.inlineReplies ? { repliesInline: true } : {}),
      ...(msg.localeHint || msg.replyContext ? { payload: { localeHint: msg.localeHint, replyContext: msg.replyContext } } : {}),
    };
    try {
      await driverCollection<MessageRecord>(Message).insertOne(inbound);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return this.duplicate(msg, inboundId, queued);
    }
    this.turns.expect(inbound, customer);
    this.deps.events.emit('message.created', { message: inbound, conversation });
    if (queued.leased) void this.turns.run(conversation);
    return { duplicate: false, conversationId: String(conversation._id), messageId: String(inboundId), replies: this.turns.replies(inboundId, conversation._id) };
  }

  /** A platform's retry of a stored message: its queue entry goes, the original's replies are the answer. */
  private async duplicate(msg: InboundMessage, queuedId: Types.ObjectId, queued: Queued): Promise<ReceiveResult> {
    const after = await dropPending(queued.conversation._id, queuedId);
    if (queued.leased) {
      const released = await releaseTurnLease(queued.conversation._id, this.turns.owner);
      if (released?.pending.length) void this.turns.kick(released._id);
    } else if (after && !after.pending.length && after.leaseUntil.getTime() < Date.now()) {
      void this.turns.kick(after._id);
    }
    const original = await Message.findOne({ channel: msg.channel, channelMessageId: msg.channelMessageId }).lean();
    if (!original) throw new AppError('CONFLICT', 'the message was stored and removed at once; send it again');
    return { duplicate: true, conversationId: String(original.conversation), messageId: String(original._id), replies: this.turns.replies(original._id, original.conversation) };
  }

  /**
   * Opens a conversation before the customer writes (website widget, client API): the customer
   * and conversation are created, what they told the pre-chat form is kept, and the greeting with
   * the menu is returned (once: a second open of the same thread greets no more).
   */
  async open(identity: GreetIdentity, profile: { name?: string; phone?: string } = {}): Promise<{ conversationId: string; replies: OutboundMessage[] }> {
    let customer = await identifyCustomer(identity.channel, identity.externalUserId, { displayName: identity.displayName, locale: toLocale(identity.localeHint) }, this.now());
    if (profile.name || profile.phone) {
      await learnAboutCustomer(customer._id, profile);
      customer = (await Customer.findById(customer._id).lean()) ?? customer;
    }
    const conversation = await openConversation(identity, customer);
    if (conversation.greetedAt) return { conversationId: String(conversation._id), replies: [] };
    const replies = await this.turns.proactive(String(conversation._id), customer, 'greeting', (c) => !c.greetedAt);
    return { conversationId: String(conversation._id), replies };
  }

  /**
   * Inbox.greet: a channel tells us someone arrived before writing (an Official Account follow).
   * Same as open(); the greeting goes out through the outbox like any reply.
   */
  async greet(identity: GreetIdentity): Promise<void> {
    await this.open(identity);
  }

  /**
   * Starts a flow for a customer without waiting for them (回访 surveys, order confirmations):
   * on their open conversation of that channel, or a new one.
   */
  async startFlow(input: { customerId: string; channel: ChannelId; flowId: string; values: Record<string, unknown> }): Promise<{ conversationId: string; replies: OutboundMessage[] }> {
    if (!this.deps.engine.runner.get(input.flowId)) throw new AppError('FLOW_NOT_FOUND', `no flow "${input.flowId}"`);
    const identity = await CustomerIdentity.findOne({ customer: input.customerId, channel: input.channel }).lean();
    if (!identity) throw new AppError('CUSTOMER_NOT_FOUND', `the customer has no ${input.channel} identity`);
    const customer = await Customer.findById(input.customerId).lean();
    if (!customer) throw new AppError('CUSTOMER_NOT_FOUND');
    const conversation = await openConversation({ channel: input.channel, externalUserId: identity.externalId, conversationKey: identity.externalId }, customer);
    const replies = await this.turns.proactive(String(conversation._id), customer, { flowId: input.flowId, values: input.values });
    return { conversationId: String(conversation._id), replies };
  }

  /** The bot's stored replies to an inbound message (the same ones again for a retried delivery). */
  async repliesTo(messageId: Types.ObjectId): Promise<OutboundMessage[]> {
    const replies = await Message.find({ replyTo: messageId }).sort({ createdAt: 1, _id: 1 }).lean();
    return replies.map(toOutbound);
  }

  /** Whether a conversation exists (for callers that only hold an id). */
  async exists(conversationId: string): Promise<boolean> {
    return Types.ObjectId.isValid(conversationId) && !!(await Conversation.exists({ _id: conversationId }));
  }
}
