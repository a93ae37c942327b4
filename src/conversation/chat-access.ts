import type { Types } from 'mongoose';
import { AppError } from '../errors';
import { Conversation } from '../domain/conversation/conversation.model';
import { Customer } from '../domain/customer/customer.model';
import { Message } from '../domain/message/message.model';
import { MANAGER_ROLES, type Role } from '../domain/user/user-kinds';

/** The reader of a console route: who they are and their role. */
export interface Reader {
  _id: Types.ObjectId;
  role: Role;
}

/** Managers and admins read every chat and customer. */
export const readsEverything = (reader: Reader): boolean => MANAGER_ROLES.includes(reader.role);

/** An agent's own chats: assigned to them now, or waiting in the queue every agent serves. */
const ownOrWaiting = (reader: Reader) => [{ status: 'waiting' }, { assignee: reader._id }];

/**
 * Whether the reader may read the conversation. Agents read the chats assigned to them, the ones
 * waiting in the queue, and the ones shared with them by having taken part (they replied or left a
 * note while it was theirs or waiting: a chat they transferred on, or returned to the bot).
 */
export async function mayReadConversation(reader: Reader, conversation: { _id: Types.ObjectId; status: string; assignee?: Types.ObjectId | null }): Promise<boolean> {
  if (readsEverything(reader)) return true;
  if (conversation.status === 'waiting' || (conversation.assignee && conversation.assignee.equals(reader._id))) return true;
  return !!(await Message.exists({ conversation: conversation._id, 'agent.id': reader._id }));
}

/** 404 when the conversation does not exist, 403 when the reader may not read it. */
export async function assertMayReadConversation(reader: Reader, id: string): Promise<void> {
  const conversation = await Conversation.findById(id, { status: 1, assignee: 1 }).lean();
  if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
  if (!(await mayReadConversation(reader, conversation))) throw new AppError('FORBIDDEN', 'Only the agent serving this conversation, or a manager, may read it');
}

/**
 * 404 when the customer does not exist, 403 when the reader may not read them: an agent reads the
 * customers of the conversations they may read.
 */
export async function assertMayReadCustomer(reader: Reader, customerId: string): Promise<void> {
  if (readsEverything(reader)) {
    if (!(await Customer.exists({ _id: customerId }))) throw new AppError('CUSTOMER_NOT_FOUND');
    return;
  }
  const theirs =
    (await Conversation.exists({ customer: customerId, $or: ownOrWaiting(reader) })) ?? (await Message.exists({ customer: customerId, 'agent.id': reader._id }));
  if (theirs) return;
  if (!(await Customer.exists({ _id: customerId }))) throw new AppError('CUSTOMER_NOT_FOUND');
  throw new AppError('FORBIDDEN', 'Only an agent serving one of this customer’s conversations, or a manager, may read this customer');
}
