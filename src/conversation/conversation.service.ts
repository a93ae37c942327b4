import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { GreetIdentity, Inbox, ReceiveOptions, ReceiveResult } from '../channels/channel-adapter';
import type { ChannelId, InboundMessage, OutboundMessage } from '../core/message';
import { toLocale } from '../core/text/locale-detect';
import { AppError } from '../errors';
import { Conversation } from '../domain/conversation/conversation.model';
import { Message, type MessageDoc } from '../domain/message/message.model';
import { Customer } from '../domain/customer/customer.model';
import { identifyCustomer, learnAboutCustomer } from '../domain/customer/customer.service';
import { CustomerIdentity } from '../domain/customer/customer-identity.model';
import { INSTANCE_ID } from '../db/lease';
import type { Engine } from './engine';
import type { EventBus } from './events';
import type { Outbox } from './outbox';
import { toOutbound } from './message-view';
import { enqueueInbound, openConversation } from './turns/conversation-store';
import { TurnProcessor } from './turns/turn-processor';

export interface ConversationServiceDeps {
  engine: Engine;
  events: EventBus;
  log: Logger;
  outbox: Outbox;
  /** Whether an agent is online to take a hand-off. */
  agentsAvailable(): Promise<boolean>;
  now?: () => Date;
}

/** Text longer than this is cut on the way in (the message model's limit). */
const MAX_TEXT = 8000;

/**
 * The door into the service for every channel (Inbox). A message is stored first (once per
 * platform message id: a retried delivery is answered with the same replies), queued on its
 * conversation, and its turn runs on whichever instance holds the conversation's lease, strictly
 * in arrival order (TurnProcessor). Every write is an atomic single-document operation; a follow-up
 * message costs 8 database round trips when nobody else holds the conversation.
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
    const customer = await identifyCustomer(msg.channel, msg.externalUserId, { displayName: msg.displayName, locale: toLocale(msg.localeHint) }, now);
    const conversation = await openConversation(msg, customer);
    let inbound: MessageDoc;
    try {
      inbound = await Message.create({
        _id: new Types.ObjectId(), conversation: conversation._id, customer: customer._id, channel: msg.channel, direction: 'in', author: 'customer',
        text: (msg.text ?? '').slice(0, MAX_TEXT), choice: msg.choice, channelMessageId: msg.channelMessageId, processed: 'pending',
        repliesInline: options.inlineReplies || undefined, createdAt: now, updatedAt: now,
        payload: msg.localeHint || msg.replyContext ? { localeHint: msg.localeHint, replyContext: msg.replyContext } : undefined,
      });
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      const original = await Message.findOne({ channel: msg.channel, channelMessageId: msg.channelMessageId });
      if (!original) throw err;
      return { duplicate: true, conversationId: String(original.conversation), messageId: String(original._id), replies: this.turns.replies(original._id) };
    }
    this.turns.expect(inbound, customer);
    this.deps.events.emit('message.created', { message: inbound, conversation });
    const queued = await enqueueInbound(conversation._id, inbound._id, INSTANCE_ID, now);
    if (queued.leased) void this.turns.run(queued.conversation);
    return { duplicate: false, conversationId: String(conversation._id), messageId: String(inbound._id), replies: this.turns.replies(inbound._id) };
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
      customer = (await Customer.findById(customer._id)) ?? customer;
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
    const customer = await Customer.findById(input.customerId);
    if (!customer) throw new AppError('CUSTOMER_NOT_FOUND');
    const conversation = await openConversation({ channel: input.channel, externalUserId: identity.externalId, conversationKey: identity.externalId }, customer);
    const replies = await this.turns.proactive(String(conversation._id), customer, { flowId: input.flowId, values: input.values });
    return { conversationId: String(conversation._id), replies };
  }

  /** The bot's stored replies to an inbound message (the same ones again for a retried delivery). */
  async repliesTo(messageId: Types.ObjectId): Promise<OutboundMessage[]> {
    const replies = await Message.find({ replyTo: messageId }).sort({ createdAt: 1, _id: 1 });
    return replies.map(toOutbound);
  }

  /** Whether a conversation exists (for callers that only hold an id). */
  async exists(conversationId: string): Promise<boolean> {
    return Types.ObjectId.isValid(conversationId) && !!(await Conversation.exists({ _id: conversationId }));
  }
}
