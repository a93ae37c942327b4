import type { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { Locale, OutboundMessage } from '../../core/message';
import { Conversation, type ConversationRecord } from '../../domain/conversation/conversation.model';
import { Customer, type CustomerRecord } from '../../domain/customer/customer.model';
import { Message, type MessageRecord } from '../../domain/message/message.model';
import { learnAboutCustomer } from '../../domain/customer/customer.service';
import { INSTANCE_ID } from '../../db/lease';

let processors = 0;
import type { Engine, EngineResult, EngineTurn } from '../engine';
import type { EventBus } from '../events';
import { toOutbound } from '../message-view';
import { commitTurn, dropPending, releaseTurnLease, takeTurnLease } from './conversation-store';
import { storeReplies, type Outbox } from '../outbox';
import { observeTurn } from '../../metrics/metrics';

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

interface Waiter {
  resolve(replies: OutboundMessage[]): void;
  promise: Promise<OutboundMessage[]>;
}

/** A turn that lost its commit to an agent action is run again on the fresh state, this often. */
const MAX_ATTEMPTS = 3;
const POLL_MS = 30;
const POLL_LIMIT_MS = 60_000;
/** A turn not done here by then may be running on another instance: look in the database too. */
const ELSEWHERE_AFTER_MS = 500;
/** A queued id whose message is still not written after this long was never written (its instance died). */
const UNWRITTEN_MS = 15_000;

/**
 * Runs a conversation's turns, strictly in arrival order and on one instance at a time: whoever
 * holds the conversation's lease takes its pending inbound messages oldest first, runs the engine,
 * stores the replies (idempotently: ids derived from the inbound message), and commits the state
 * with a revision check, which also releases the lease. A caller whose message is handled by
 * another instance waits until it leaves the conversation's `pending`.
 */
export class TurnProcessor {
  /** Conversations whose turn loop runs in this process. */
  private readonly loops = new Map<string, Promise<void>>();
  private readonly waiters = new Map<string, Waiter>();
  /** Records the receiving call already holds, so the loop need not read them again. */
  private readonly known = new Map<string, { message: MessageRecord; customer: CustomerRecord }>();

  /**
   * Who holds leases for this processor: the instance, and which processor in it (tests run two
   * service instances in one process; they must not mistake each other's leases for their own).
   */
  readonly owner = `${INSTANCE_ID}/${++processors}`;

  constructor(private readonly deps: TurnDeps) {}

  /** Registers interest in an inbound message's replies (and hands over its records). */
  expect(inbound: MessageRecord, customer: CustomerRecord): void {
    const key = String(inbound._id);
    let resolve!: (r: OutboundMessage[]) => void;
    const promise = new Promise<OutboundMessage[]>((r) => (resolve = r));
    this.waiters.set(key, { resolve, promise });
    this.known.set(key, { message: inbound, customer });
  }

  /**
   * The replies to an inbound message once its turn is done, wherever it ran: at once from a turn
   * run here; from the database when another instance took the conversation over meanwhile.
   */
  replies(inboundId: Types.ObjectId, conversationId: Types.ObjectId): Promise<OutboundMessage[]> {
    const local = this.waiters.get(String(inboundId));
    if (!local) return this.pollReplies(inboundId, conversationId);
    // A database error while looking (an outage) rejects: the caller answers 503, nothing is lost.
    const elsewhere = new Promise<OutboundMessage[]>((resolve, reject) => {
      const timer = setTimeout(() => this.pollReplies(inboundId, conversationId, local.promise).then(resolve, reject), ELSEWHERE_AFTER_MS);
      void local.promise.then(() => clearTimeout(timer));
    });
    return Promise.race([local.promise, elsewhere]);
  }

  /** Runs the pending turns of a conversation whose lease this process holds. */
  run(leased: ConversationRecord): Promise<void> {
    const id = String(leased._id);
    const existing = this.loops.get(id);
    if (existing) return existing;
    const loop = this.loop(leased)
      .catch((err) => this.deps.log.error({ err, conversationId: id }, 'turn loop failed'))
      .finally(() => this.loops.delete(id));
    this.loops.set(id, loop);
    return loop;
  }

  /** Takes the lease of a conversation with pending turns (recovery, a released lease) and runs them. */
  async kick(conversationId: Types.ObjectId | string): Promise<void> {
    if (this.loops.has(String(conversationId))) return;
    try {
      const leased = await takeTurnLease(conversationId, this.owner, this.deps.now());
      if (leased) await this.run(leased);
    } catch (err) {
      // The next recovery sweep tries again.
      this.deps.log.error({ err, conversationId: String(conversationId) }, 'pending turns could not be taken up');
    }
  }

  /**
   * Runs a proactive turn under the lease (waiting for it while another turn runs), then any
   * inbound turns that queued meanwhile. `when` decides on the fresh state whether it still applies.
   */
  async proactive(conversationId: string, customer: CustomerRecord, turn: ProactiveTurn | 'greeting', when: (c: ConversationRecord) => boolean = () => true): Promise<OutboundMessage[]> {
    const leased = await this.waitForLease(conversationId);
    let replies: OutboundMessage[] = [];
    let after: ConversationRecord | null;
    if (when(leased)) {
      const done = await this.turn(leased, customer, undefined, turn === 'greeting' ? { flowId: 'greeting', values: {} } : turn);
      replies = done.replies;
      after = done.saved;
    } else {
      after = await releaseTurnLease(leased._id, this.owner);
    }
    if (after?.pending.length) void this.kick(conversationId);
    return replies;
  }

  /** Forgets an inbound message that will not be written (a duplicate delivery). */
  forget(inboundId: Types.ObjectId): void {
    this.waiters.delete(String(inboundId));
    this.known.delete(String(inboundId));
  }

  private async loop(leased: ConversationRecord): Promise<void> {
    let conversation: ConversationRecord | null = leased;
    while (conversation) {
      const next: Types.ObjectId | undefined = conversation.pending[0];
      if (!next) {
        const released = await releaseTurnLease(conversation._id, this.owner);
        conversation = released?.pending.length ? await takeTurnLease(conversation._id, this.owner, this.deps.now()) : null;
        continue;
      }
      const input = await this.inputs(next);
      if (!input) {
        conversation = await this.unwritten(conversation, next);
        continue;
      }
      const { saved } = await this.turn(conversation, input.customer, input.message);
      // Committed: more may have queued meanwhile. Lost (another instance took over): stop here.
      conversation = saved?.pending.length ? await takeTurnLease(saved._id, this.owner, this.deps.now()) : null;
    }
  }

  private async inputs(id: Types.ObjectId): Promise<{ message: MessageRecord; customer: CustomerRecord } | undefined> {
    const known = this.known.get(String(id));
    if (known) return known;
    const message = await Message.findById(id).lean();
    const customer = message && (await Customer.findById(message.customer).lean());
    return message && customer ? { message, customer } : undefined;
  }

  /**
   * The queue names a message not written (yet): the receiving instance queues first and writes
   * next. Wait a moment for it; one that never came (its instance died, or it was a duplicate) is
   * dropped.
   */
  private async unwritten(conversation: ConversationRecord, id: Types.ObjectId): Promise<ConversationRecord | null> {
    if (Date.now() - id.getTimestamp().getTime() > UNWRITTEN_MS) {
      await dropPending(conversation._id, id);
    } else {
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const fresh = await Conversation.findById(conversation._id).lean();
    return fresh?.leaseOwner === this.owner ? fresh : null;
  }

  /** One turn with its commit; re-run on fresh state when an agent action came between. */
  private async turn(leased: ConversationRecord, customer: CustomerRecord, inbound: MessageRecord | undefined, proactive?: ProactiveTurn): Promise<{ saved: ConversationRecord | null; replies: OutboundMessage[] }> {
    let conversation = leased;
    for (let attempt = 1; ; attempt++) {
      let result: EngineResult;
      let stored: MessageRecord[];
      try {
        result = await this.deps.engine.turn(await this.engineInput(conversation, customer, inbound, proactive));
        stored = await storeReplies(conversation, inbound, result.replies, this.deps.outbox, this.deps.now());
      } catch (err) {
        this.deps.log.error({ err, conversationId: String(conversation._id), messageId: inbound && String(inbound._id) }, 'turn failed');
        return this.fail(conversation, inbound);
      }
      const saved = await commitTurn(conversation, this.owner, { ...stateOf(conversation, result, inbound, this.deps.now()), ...sending(stored) }, inbound?._id);
      if (saved) return { saved, replies: await this.committed(saved, customer, inbound, result, stored) };
      await Message.deleteMany({ _id: { $in: stored.map((m) => m._id) } });
      const fresh = await Conversation.findById(conversation._id).lean();
      if (!fresh || fresh.leaseOwner !== this.owner || attempt >= MAX_ATTEMPTS) {
        this.deps.log.warn({ conversationId: String(conversation._id), attempt }, 'turn not committed: the conversation moved on');
        if (fresh?.leaseOwner === this.owner) return this.fail(fresh, inbound);
        return { saved: null, replies: [] };
      }
      conversation = fresh;
    }
  }

  private async committed(saved: ConversationRecord, customer: CustomerRecord, inbound: MessageRecord | undefined, result: EngineResult, stored: MessageRecord[]): Promise<OutboundMessage[]> {
    if (result.locale !== customer.locale) {
      await learnAboutCustomer(customer._id, { locale: result.locale });
      customer.locale = result.locale;
    }
    for (const message of stored) this.deps.events.emit('message.created', { message, conversation: saved });
    if (result.handoff) this.deps.events.emit('conversation.updated', { conversation: saved, change: 'handoff' });
    const replies = stored.map(toOutbound);
    observeTurn(inbound?.createdAt, 'ok');
    if (inbound) this.settle(inbound._id, replies);
    return replies;
  }

  /** The engine failed: the customer gets a localised apology and the queue moves on. */
  private async fail(conversation: ConversationRecord, inbound: MessageRecord | undefined): Promise<{ saved: ConversationRecord | null; replies: OutboundMessage[] }> {
    const apology: OutboundMessage[] = [{ author: 'bot', text: this.deps.engine.apology(conversation.locale as Locale | undefined) }];
    const stored = await storeReplies(conversation, inbound, apology, this.deps.outbox, this.deps.now()).catch(() => [] as MessageRecord[]);
    const saved = await commitTurn(conversation, this.owner, {}, inbound?._id);
    if (inbound) await Message.updateOne({ _id: inbound._id }, { $set: { processed: 'failed' } });
    if (saved) for (const message of stored) this.deps.events.emit('message.created', { message, conversation: saved });
    const replies = stored.map(toOutbound);
    observeTurn(inbound?.createdAt, 'failed');
    if (inbound) this.settle(inbound._id, replies);
    return { saved, replies };
  }

  private settle(inboundId: Types.ObjectId, replies: OutboundMessage[]): void {
    const key = String(inboundId);
    this.waiters.get(key)?.resolve(replies);
    this.forget(inboundId);
  }

  private async waitForLease(conversationId: string): Promise<ConversationRecord> {
    const deadline = Date.now() + POLL_LIMIT_MS;
    for (let wait = 20; ; wait = Math.min(wait * 2, 500)) {
      const leased = await takeTurnLease(conversationId, this.owner, this.deps.now());
      if (leased) return leased;
      if (Date.now() > deadline) throw new Error(`conversation ${conversationId} stayed busy for ${POLL_LIMIT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** Another instance runs the turn: wait until the message leaves the conversation's queue. */
  private async pollReplies(inboundId: Types.ObjectId, conversationId: Types.ObjectId, settledHere?: Promise<unknown>): Promise<OutboundMessage[]> {
    let here = false;
    void settledHere?.then(() => (here = true));
    const deadline = Date.now() + POLL_LIMIT_MS;
    while (Date.now() < deadline && !here) {
      const c = await Conversation.findOne({ _id: conversationId, pending: inboundId }, { _id: 1 }).lean();
      if (!c) break;
      await new Promise((r) => setTimeout(r, settledHere ? ELSEWHERE_AFTER_MS : POLL_MS));
    }
    return (await Message.find({ replyTo: inboundId }).sort({ createdAt: 1, _id: 1 }).lean()).map(toOutbound);
  }

  private async engineInput(conversation: ConversationRecord, customer: CustomerRecord, inbound: MessageRecord | undefined, proactive?: ProactiveTurn): Promise<EngineTurn> {
    return {
      conversation: {
        id: String(conversation._id), channel: conversation.channel, isNew: !conversation.greetedAt && !proactive, status: conversation.status,
        flow: (conversation.flow ?? undefined) as never, suspended: (conversation.suspended ?? []) as never, notUnderstood: conversation.notUnderstood,
        offered: conversation.offered?.map((o) => ({ label: o.label ?? '', value: o.value ?? '' })),
      },
      customer: {
        id: String(customer._id), name: customer.name ?? undefined, gender: customer.gender, phone: customer.phone ?? undefined,
        locale: (customer.locale ?? 'zh-CN') as Locale, localeKnown: !!customer.locale, updatesVia: customer.updatesVia ?? undefined,
      },
      input: { text: inbound?.text ?? '', choice: inbound?.choice ?? undefined, ...(inbound?.attachments?.length ? { attachments: inbound.attachments.map((a) => ({ kind: a.kind })) } : {}) },
      turnKey: inbound && String(inbound._id),
      localeHint: (inbound?.payload as { localeHint?: string } | undefined)?.localeHint,
      now: this.deps.now(),
      agentsAvailable: await this.deps.agentsAvailable(),
      proactive,
    };
  }
}

/**
 * Replies this instance is to send (a platform's, not read by their client): the next turn, should
 * it run on another instance, sends its own after them. Nothing when there are none, so that the
 * previous turn's stay the ones to wait for.
 */
function sending(stored: MessageRecord[]): Record<string, unknown> {
  const pending = stored.filter((m) => m.delivery?.state === 'pending').map((m) => m._id);
  return pending.length ? { lastReplies: pending, lastRepliesBy: INSTANCE_ID } : {};
}

/** The conversation fields a turn writes. */
function stateOf(conversation: ConversationRecord, result: EngineResult, inbound: MessageRecord | undefined, now: Date): Record<string, unknown> {
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
