import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { Locale, OutboundMessage } from '../../core/message';
import { Conversation, type ConversationDoc } from '../../domain/conversation/conversation.model';
import { Customer, type CustomerDoc } from '../../domain/customer/customer.model';
import { Message, type MessageDoc } from '../../domain/message/message.model';
import { learnAboutCustomer } from '../../domain/customer/customer.service';
import { INSTANCE_ID } from '../../db/lease';
import type { Engine, EngineResult } from '../engine';
import type { EventBus } from '../events';
import { toOutbound } from '../message-view';
import { commitTurn, dropPending, releaseTurnLease, takeTurnLease } from './conversation-store';
import { storeReplies, type Outbox } from '../outbox';

export interface TurnDeps {
  engine: Engine;
  events: EventBus;
  log: Logger;
  outbox: Outbox;
  /** Whether an agent is online to take a hand-off (cached by the caller). */
  agentsAvailable(): Promise<boolean>;
  now(): Date;
}

/** A turn the bot starts itself (greeting, 回访 survey, order confirmation). */
export interface ProactiveTurn {
  flowId: string;
  values: Record<string, unknown>;
}

/** What a waiting caller gets for an inbound message: the replies of its turn. */
interface Waiter {
  resolve(replies: OutboundMessage[]): void;
  promise: Promise<OutboundMessage[]>;
}

/** A turn that lost its commit to an agent action is run again on the fresh state, this often. */
const MAX_ATTEMPTS = 3;
const POLL_MS = 50;
const POLL_LIMIT_MS = 60_000;

/**
 * Runs a conversation's turns, strictly in arrival order and on one instance at a time: whoever
 * holds the conversation's lease takes its pending inbound messages oldest first, runs the engine,
 * stores the replies (idempotently: ids derived from the inbound message), and commits the state
 * with a revision check, which also releases the lease. Replies of a message handled elsewhere
 * are awaited by polling its `processed` state.
 */
export class TurnProcessor {
  /** Conversations whose turn loop runs in this process. */
  private readonly loops = new Map<string, Promise<void>>();
  private readonly waiters = new Map<string, Waiter>();
  /** Documents the receiving call already holds, so the loop need not read them again. */
  private readonly known = new Map<string, { message: MessageDoc; customer: CustomerDoc }>();

  constructor(private readonly deps: TurnDeps) {}

  /** Registers interest in an inbound message's replies before it is queued. */
  expect(inbound: MessageDoc, customer: CustomerDoc): void {
    const key = String(inbound._id);
    let resolve!: (r: OutboundMessage[]) => void;
    const promise = new Promise<OutboundMessage[]>((r) => (resolve = r));
    this.waiters.set(key, { resolve, promise });
    this.known.set(key, { message: inbound, customer });
  }

  /** The replies to an inbound message once its turn is done, wherever it ran. */
  replies(inboundId: Types.ObjectId): Promise<OutboundMessage[]> {
    const local = this.waiters.get(String(inboundId));
    if (local) return local.promise;
    return this.pollReplies(inboundId);
  }

  /** Whether this process runs the conversation's turns right now. */
  running(conversationId: string): boolean {
    return this.loops.has(conversationId);
  }

  /** Runs the pending turns of a conversation whose lease this process just took. */
  run(leased: ConversationDoc): Promise<void> {
    const id = String(leased._id);
    const existing = this.loops.get(id);
    if (existing) return existing;
    const loop = this.loop(leased)
      .catch((err) => this.deps.log.error({ err, conversationId: id }, 'turn loop failed'))
      .finally(() => this.loops.delete(id));
    this.loops.set(id, loop);
    return loop;
  }

  /** Takes the lease of a conversation with pending turns (recovery) and runs them. */
  async kick(conversationId: Types.ObjectId | string): Promise<void> {
    if (this.loops.has(String(conversationId))) return;
    const leased = await takeTurnLease(conversationId, INSTANCE_ID, this.deps.now());
    if (leased) await this.run(leased);
  }

  /**
   * Runs a proactive turn under the lease (waiting for it while another turn runs), then any
   * inbound turns that queued meanwhile. `when` decides on the fresh state whether it still applies.
   */
  async proactive(conversationId: string, customer: CustomerDoc, turn: ProactiveTurn | 'greeting', when: (c: ConversationDoc) => boolean = () => true): Promise<OutboundMessage[]> {
    const leased = await this.waitForLease(conversationId);
    if (!when(leased)) {
      const released = await releaseTurnLease(leased._id, INSTANCE_ID);
      if (released?.pending.length) void this.kick(conversationId);
      return [];
    }
    const { saved, replies } = await this.turn(leased, customer, undefined, turn === 'greeting' ? { flowId: 'greeting', values: {} } : turn);
    if (saved?.pending.length) void this.kick(conversationId);
    return replies;
  }

  private async loop(leased: ConversationDoc): Promise<void> {
    let conversation: ConversationDoc | null = leased;
    while (conversation) {
      const next = conversation.pending[0];
      if (!next) {
        const released = await releaseTurnLease(conversation._id, INSTANCE_ID);
        conversation = released?.pending.length ? await takeTurnLease(conversation._id, INSTANCE_ID, this.deps.now()) : null;
        continue;
      }
      const { message, customer } = await this.inputs(next);
      if (!message || !customer) {
        await dropPending(conversation._id, next);
        conversation = await this.relock(conversation);
        continue;
      }
      const { saved } = await this.turn(conversation, customer, message);
      // Committed: more may have queued meanwhile. Lost (another instance took over): stop here.
      conversation = saved?.pending.length ? await takeTurnLease(saved._id, INSTANCE_ID, this.deps.now()) : null;
    }
  }

  private async inputs(id: Types.ObjectId): Promise<{ message?: MessageDoc | null; customer?: CustomerDoc | null }> {
    const known = this.known.get(String(id));
    if (known) return known;
    const message = await Message.findById(id);
    if (!message || message.processed !== 'pending') return { message: null };
    return { message, customer: await Customer.findById(message.customer) };
  }

  private async relock(c: ConversationDoc): Promise<ConversationDoc | null> {
    const fresh = await takeTurnLease(c._id, INSTANCE_ID, this.deps.now());
    return fresh ?? (c.leaseOwner === INSTANCE_ID ? c : null);
  }

  /** One turn with its commit; re-run on fresh state when an agent action came between. */
  private async turn(leased: ConversationDoc, customer: CustomerDoc, inbound: MessageDoc | undefined, proactive?: ProactiveTurn): Promise<{ saved: ConversationDoc | null; replies: OutboundMessage[] }> {
    let conversation = leased;
    for (let attempt = 1; ; attempt++) {
      let result: EngineResult | undefined;
      let stored: MessageDoc[] = [];
      try {
        result = await this.deps.engine.turn({ ...this.engineInput(conversation, customer, inbound, proactive), agentsAvailable: await this.deps.agentsAvailable() });
        stored = await storeReplies(conversation, inbound, result.replies, this.deps.outbox, this.deps.now());
      } catch (err) {
        this.deps.log.error({ err, conversationId: String(conversation._id), messageId: inbound && String(inbound._id) }, 'turn failed');
        return this.fail(conversation, inbound);
      }
      const saved = await commitTurn(conversation, INSTANCE_ID, stateOf(conversation, result, inbound, this.deps.now()), inbound?._id);
      if (saved) return { saved, replies: await this.committed(saved, customer, inbound, result, stored) };
      await Message.deleteMany({ _id: { $in: stored.map((m) => m._id) } });
      const fresh = await Conversation.findById(conversation._id);
      if (!fresh || fresh.leaseOwner !== INSTANCE_ID || attempt >= MAX_ATTEMPTS) {
        this.deps.log.warn({ conversationId: String(conversation._id), attempt }, 'turn not committed: the conversation moved on');
        if (fresh?.leaseOwner === INSTANCE_ID) return this.fail(fresh, inbound);
        return { saved: null, replies: [] };
      }
      conversation = fresh;
    }
  }

  private async committed(saved: ConversationDoc, customer: CustomerDoc, inbound: MessageDoc | undefined, result: EngineResult, stored: MessageDoc[]): Promise<OutboundMessage[]> {
    if (inbound) await Message.updateOne({ _id: inbound._id }, { $set: { processed: 'done' } });
    if (result.locale !== customer.locale) await learnAboutCustomer(customer._id, { locale: result.locale });
    for (const message of stored) this.deps.events.emit('message.created', { message, conversation: saved });
    if (result.handoff) this.deps.events.emit('conversation.updated', { conversation: saved, change: 'handoff' });
    const replies = stored.map(toOutbound);
    if (inbound) this.settle(inbound._id, replies);
    return replies;
  }

  /** The engine failed: the customer gets a localised apology and the queue moves on. */
  private async fail(conversation: ConversationDoc, inbound: MessageDoc | undefined): Promise<{ saved: ConversationDoc | null; replies: OutboundMessage[] }> {
    const apology: OutboundMessage[] = [{ author: 'bot', text: this.deps.engine.apology(conversation.locale as Locale | undefined) }];
    const stored = await storeReplies(conversation, inbound, apology, this.deps.outbox, this.deps.now()).catch(() => [] as MessageDoc[]);
    const saved = await commitTurn(conversation, INSTANCE_ID, {}, inbound?._id);
    if (inbound) await Message.updateOne({ _id: inbound._id }, { $set: { processed: 'failed' } });
    if (saved) for (const message of stored) this.deps.events.emit('message.created', { message, conversation: saved });
    const replies = stored.map(toOutbound);
    if (inbound) this.settle(inbound._id, replies);
    return { saved, replies };
  }

  private settle(inboundId: Types.ObjectId, replies: OutboundMessage[]): void {
    const key = String(inboundId);
    this.waiters.get(key)?.resolve(replies);
    this.waiters.delete(key);
    this.known.delete(key);
  }

  private async waitForLease(conversationId: string): Promise<ConversationDoc> {
    const deadline = Date.now() + POLL_LIMIT_MS;
    for (let wait = 20; ; wait = Math.min(wait * 2, 500)) {
      const leased = await takeTurnLease(conversationId, INSTANCE_ID, this.deps.now());
      if (leased) return leased;
      if (Date.now() > deadline) throw new Error(`conversation ${conversationId} stayed busy for ${POLL_LIMIT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  private async pollReplies(inboundId: Types.ObjectId): Promise<OutboundMessage[]> {
    const deadline = Date.now() + POLL_LIMIT_MS;
    while (Date.now() < deadline) {
      const m = await Message.findById(inboundId, { processed: 1 }).lean();
      if (!m || m.processed !== 'pending') break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    return (await Message.find({ replyTo: inboundId }).sort({ createdAt: 1, _id: 1 })).map(toOutbound);
  }

  private engineInput(conversation: ConversationDoc, customer: CustomerDoc, inbound: MessageDoc | undefined, proactive?: ProactiveTurn) {
    // Plain objects, not mongoose subdocuments: the engine clones and mutates its own copy.
    const plain = conversation.toObject({ depopulate: true, flattenMaps: true });
    return {
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
      now: this.deps.now(),
      proactive,
    };
  }
}

/** The conversation fields a turn writes. */
function stateOf(conversation: ConversationDoc, result: EngineResult, inbound: MessageDoc | undefined, now: Date): Record<string, unknown> {
  const set: Record<string, unknown> = {
    flow: result.flow, suspended: result.suspended, notUnderstood: result.notUnderstood, offered: result.offered ?? undefined,
    locale: result.locale, greetedAt: conversation.greetedAt ?? now,
  };
  const last = result.replies[result.replies.length - 1];
  if (inbound) {
    Object.assign(set, { lastCustomerMessageAt: inbound.createdAt, lastMessageAt: now, lastMessagePreview: (last?.text ?? inbound.text).slice(0, 200) });
    const replyContext = (inbound.payload as { replyContext?: unknown } | undefined)?.replyContext;
    if (replyContext) set.replyContext = replyContext;
  } else if (last) {
    Object.assign(set, { lastMessageAt: now, lastMessagePreview: last.text.slice(0, 200) });
  }
  if (result.handoff) Object.assign(set, { status: 'waiting', waitingSince: now, priority: result.handoff.priority, handoffReason: result.handoff.reason });
  return set;
}
