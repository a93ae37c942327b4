import type { Types, UpdateQuery } from 'mongoose';
import type { ConversationRef } from '../../channels/channel-adapter';
import { Conversation, type ConversationDoc, type ConversationFields } from '../../domain/conversation/conversation.model';
import type { CustomerDoc } from '../../domain/customer/customer.model';
import { AppError } from '../../errors';

/** How long an instance may run a conversation's turn before another may take over. */
export const LEASE_MS = 30_000;
/** How many processed inbound ids a conversation remembers (the recovery sweep checks them). */
const TURNS_KEPT = 50;
const FREE = new Date(0);

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;
const leaseUntil = (now: Date) => new Date(now.getTime() + LEASE_MS);

/**
 * The open conversation of a channel thread, created on first contact: one atomic upsert on the
 * unique `openKey`, so racing first messages (or two instances) open one conversation.
 */
export async function openConversation(ref: Omit<ConversationRef, 'replyContext'> & { replyContext?: unknown }, customer: CustomerDoc): Promise<ConversationDoc> {
  const openKey = `${ref.channel}:${ref.conversationKey}`;
  const upsert = () =>
    Conversation.findOneAndUpdate(
      { openKey },
      {
        $setOnInsert: {
          channel: ref.channel, customer: customer._id, conversationKey: ref.conversationKey, externalUserId: ref.externalUserId,
          replyContext: ref.replyContext, locale: customer.locale, status: 'bot', leaseUntil: FREE,
        },
      },
      { upsert: true, new: true },
    );
  try {
    return (await upsert())!;
  } catch (err) {
    // A server that does not retry a colliding upsert by itself: the other insert won.
    if (!isDuplicate(err)) throw err;
    return (await upsert())!;
  }
}

/** Takes the turn lease if it is free or expired (compare-and-set); the leased conversation or null. */
export function takeTurnLease(id: Types.ObjectId | string, owner: string, now = new Date()): Promise<ConversationDoc | null> {
  return Conversation.findOneAndUpdate({ _id: id, leaseUntil: { $lt: now } }, { $set: { leaseOwner: owner, leaseUntil: leaseUntil(now) } }, { new: true });
}

/**
 * Queues an inbound message on its conversation (arrival order) and takes the lease with it when
 * free. When another holder runs turns, it sees the message in `pending` at its next commit; if it
 * released the lease just before our push, the conversation comes back free and we take it.
 */
export async function enqueueInbound(id: Types.ObjectId, inbound: Types.ObjectId, owner: string, now = new Date()): Promise<{ conversation: ConversationDoc; leased: boolean }> {
  const leased = await Conversation.findOneAndUpdate(
    { _id: id, leaseUntil: { $lt: now } },
    { $push: { pending: inbound }, $set: { leaseOwner: owner, leaseUntil: leaseUntil(now) } },
    { new: true },
  );
  if (leased) return { conversation: leased, leased: true };
  const queued = await Conversation.findOneAndUpdate({ _id: id }, { $push: { pending: inbound } }, { new: true });
  if (!queued) throw new AppError('CONVERSATION_NOT_FOUND');
  if (queued.leaseUntil.getTime() >= Date.now()) return { conversation: queued, leased: false };
  const taken = await takeTurnLease(id, owner);
  return taken ? { conversation: taken, leased: true } : { conversation: queued, leased: false };
}

/**
 * The commit point of a turn: its state, written only if the conversation is still at the
 * revision it was read at and the lease is still ours; the inbound message leaves `pending` and
 * joins `turns`; the lease is released. Returns the conversation as it now is (its `pending`
 * says whether more turns wait), or null when an agent action or another instance came between.
 */
export function commitTurn(conversation: ConversationDoc, owner: string, set: UpdateQuery<ConversationFields>['$set'], inbound?: Types.ObjectId): Promise<ConversationDoc | null> {
  const update: UpdateQuery<ConversationFields> = { $set: { ...set, leaseUntil: FREE }, $unset: { leaseOwner: 1 }, $inc: { rev: 1 } };
  if (inbound) {
    update.$pull = { pending: inbound };
    update.$push = { turns: { $each: [inbound], $slice: -TURNS_KEPT } };
  }
  return Conversation.findOneAndUpdate({ _id: conversation._id, rev: conversation.rev, leaseOwner: owner }, update, { new: true, runValidators: true });
}

/** Gives the lease back without a turn (nothing to do, or the turn was abandoned). */
export function releaseTurnLease(id: Types.ObjectId | string, owner: string): Promise<ConversationDoc | null> {
  return Conversation.findOneAndUpdate({ _id: id, leaseOwner: owner }, { $set: { leaseUntil: FREE }, $unset: { leaseOwner: 1 } }, { new: true });
}

/** Drops an inbound message from the queue without a turn (it no longer exists). */
export function dropPending(id: Types.ObjectId | string, inbound: Types.ObjectId): Promise<unknown> {
  return Conversation.updateOne({ _id: id }, { $pull: { pending: inbound } });
}
