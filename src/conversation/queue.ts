import type { Types } from 'mongoose';
import { Conversation, type ConversationFields } from '../domain/conversation/conversation.model';

/** The order agents serve waiting chats in: serious complaints (priority 10) first, then the longest wait. */
export const QUEUE_ORDER = { priority: -1, waitingSince: 1, _id: 1 } as const;

/** Waiting conversations, in serving order (ids and what ordering and routing need). */
export async function waitingQueue(limit = 500): Promise<{ _id: Types.ObjectId; priority: number; waitingSince?: Date | null }[]> {
  return Conversation.find({ status: 'waiting' }, { priority: 1, waitingSince: 1 }).sort(QUEUE_ORDER).limit(limit).lean();
}

/** How many waiting conversations will be served before this one (0: it is next). */
export async function waitingAhead(conversation: Pick<ConversationFields, 'priority' | 'waitingSince'> & { _id: Types.ObjectId }): Promise<number> {
  const priority = conversation.priority ?? 0;
  const since = conversation.waitingSince ?? new Date();
  return Conversation.countDocuments({
    status: 'waiting',
    _id: { $ne: conversation._id },
    $or: [{ priority: { $gt: priority } }, { priority, waitingSince: { $lt: since } }, { priority, waitingSince: since, _id: { $lt: conversation._id } }],
  });
}
