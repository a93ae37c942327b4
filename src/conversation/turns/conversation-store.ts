import mongoose, { type Types } from 'mongoose';
import type { ConversationRef } from '../../channels/channel-adapter';
import { Conversation, type ConversationRecord } from '../../domain/conversation/conversation.model';
import type { CustomerRecord } from '../../domain/customer/customer.model';
import { isDuplicateKey as isDuplicate } from '../../db/create-once';
import { driverCollection } from '../../db/driver-collection';

/** How long an instance may run a conversation's turn before another may take over (TURN_LEASE_SECONDS). */
let leaseMs = 30_000;

/** Sets the turn lease (at start-up, from the configuration). */
export function setTurnLease(ms: number): void {
  leaseMs = ms;
}
/** How many processed inbound ids a conversation remembers (a retried delivery waits on them). */
const TURNS_KEPT = 50;
const FREE = new Date(0);
const LEAN = { new: true, lean: true } as const;
/**
 * The per-message operations go to the driver directly: conversations hold no encrypted fields,
 * every value here is built by this module, and mongoose's casting and hydration cost more than the
 * database round trip on this path. First contact still goes through the model (defaults).
 */
const raw = () => driverCollection(Conversation);
/** Returned after the write, without `turns` (only written: the commit point; nothing on the path reads it). */
const AFTER = { returnDocument: 'after', projection: { turns: 0 } } as const;
type Filter = Parameters<ReturnType<typeof raw>['findOneAndUpdate']>[0];
type Update = Parameters<ReturnType<typeof raw>['findOneAndUpdate']>[1];
const write = (filter: Filter, update: Record<string, unknown>) => raw().findOneAndUpdate(filter, update as Update, AFTER) as unknown as Promise<ConversationRecord | null>;

const leaseUntil = (now: Date) => new Date(now.getTime() + leaseMs);
type Thread = Omit<ConversationRef, 'replyContext'> & { replyContext?: unknown };

export const openKeyOf = (ref: Pick<ConversationRef, 'channel' | 'conversationKey'>) => `${ref.channel}:${ref.conversationKey}`;

const fields = (ref: Thread, customer: CustomerRecord) => ({
  channel: ref.channel, customer: customer._id, conversationKey: ref.conversationKey, externalUserId: ref.externalUserId,
  replyContext: ref.replyContext, locale: customer.locale, status: 'bot',
});

/**
 * The open conversation of a channel thread (a read by the unique `openKey`), created on first
 * contact by one atomic upsert on it, so racing first messages (or two instances) open one.
 */
export async function openConversation(ref: Thread, customer: CustomerRecord): Promise<ConversationRecord> {
  const openKey = openKeyOf(ref);
  const open = await Conversation.findOne({ openKey }).lean();
  if (open) return open;
  const upsert = () => Conversation.findOneAndUpdate({ openKey }, { $setOnInsert: { ...fields(ref, customer), leaseUntil: FREE } }, { ...LEAN, upsert: true });
  try {
    return (await upsert())!;
  } catch (err) {
    // A server that does not retry a colliding upsert by itself: the other insert won.
    if (!isDuplicate(err)) throw err;
    return (await upsert())!;
  }
}

export interface Queued {
  conversation: ConversationRecord;
  /** This instance took the lease with the message: it runs the turn. */
  leased: boolean;
}

/**
 * Queues an inbound message (by its id, before the message itself is written) on the thread's open
 * conversation, in arrival order, and takes the lease with it when free: one round trip in the
 * usual case. When another holder runs turns, it sees the message in `pending` at its next commit;
 * if it released the lease just before our push, the conversation comes back free and we take it.
 * Null when the thread has no open conversation.
 */
export async function enqueueInbound(openKey: string, inbound: Types.ObjectId, owner: string, now = new Date()): Promise<Queued | null> {
  const leased = await write({ openKey, leaseUntil: { $lt: now } }, { $push: { pending: inbound }, $set: { leaseOwner: owner, leaseUntil: leaseUntil(now) } });
  if (leased) return { conversation: leased, leased: true };
  const queued = await write({ openKey }, { $push: { pending: inbound } });
  if (!queued) return null;
  if (queued.leaseUntil.getTime() >= Date.now()) return { conversation: queued, leased: false };
  const taken = await takeTurnLease(queued._id, owner);
  return taken ? { conversation: taken, leased: true } : { conversation: queued, leased: false };
}

/** First contact on a thread: the conversation is created with the message queued and our lease. */
export async function createWithInbound(ref: Thread, customer: CustomerRecord, inbound: Types.ObjectId, owner: string, now = new Date()): Promise<Queued> {
  const openKey = openKeyOf(ref);
  try {
    const created = await Conversation.findOneAndUpdate(
      { openKey },
      { $setOnInsert: { ...fields(ref, customer), pending: [inbound], leaseOwner: owner, leaseUntil: leaseUntil(now) } },
      { ...LEAN, upsert: true },
    );
    if (created?.pending.some((id) => id.equals(inbound))) return { conversation: created, leased: created.leaseOwner === owner };
  } catch (err) {
    if (!isDuplicate(err)) throw err;
  }
  // Another first message opened it a moment before: queue behind it.
  const queued = await enqueueInbound(openKey, inbound, owner, now);
  if (!queued) throw new Error(`conversation ${openKey} vanished while it was being opened`);
  return queued;
}

/** Takes the turn lease if it is free or expired (compare-and-set); the leased conversation or null. */
export function takeTurnLease(id: Types.ObjectId | string, owner: string, now = new Date()): Promise<ConversationRecord | null> {
  return write({ _id: oid(id), leaseUntil: { $lt: now } }, { $set: { leaseOwner: owner, leaseUntil: leaseUntil(now) } });
}

/**
 * The commit point of a turn: its state, written only if the conversation is still at the
 * revision it was read at and the lease is still ours; the inbound message leaves `pending` and
 * joins `turns`; the lease is released. Returns the conversation as it now is (its `pending`
 * says whether more turns wait), or null when an agent action or another instance came between.
 */
export function commitTurn(conversation: ConversationRecord, owner: string, set: Record<string, unknown>, inbound?: Types.ObjectId): Promise<ConversationRecord | null> {
  // Values absent from the engine's result are removed, as mongoose would for `undefined`.
  const present = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
  const absent = Object.fromEntries(Object.keys(set).filter((k) => set[k] === undefined).map((k) => [k, 1]));
  const update: Record<string, unknown> = { $set: { ...present, leaseUntil: FREE, updatedAt: new Date() }, $unset: { ...absent, leaseOwner: 1 }, $inc: { rev: 1 } };
  if (inbound) {
    update.$pull = { pending: inbound };
    update.$push = { turns: { $each: [inbound], $slice: -TURNS_KEPT } };
  }
  return write({ _id: conversation._id, rev: conversation.rev, leaseOwner: owner }, update);
}

/** Gives the lease back without a turn (nothing to do, or the turn was abandoned). */
export function releaseTurnLease(id: Types.ObjectId | string, owner: string): Promise<ConversationRecord | null> {
  return write({ _id: oid(id), leaseOwner: owner }, { $set: { leaseUntil: FREE }, $unset: { leaseOwner: 1 } });
}

/** Drops an inbound message from the queue without a turn (a duplicate, or it was never written). */
export function dropPending(id: Types.ObjectId | string, inbound: Types.ObjectId): Promise<ConversationRecord | null> {
  return write({ _id: oid(id) }, { $pull: { pending: inbound } });
}

function oid(id: Types.ObjectId | string): Types.ObjectId {
  return typeof id === 'string' ? new mongoose.Types.ObjectId(id) : id;
}
