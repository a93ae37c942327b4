import type { Types } from 'mongoose';
import { User } from './user.model';
import { Conversation } from '../conversation/conversation.model';

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
