import type { Types } from 'mongoose';
import { Conversation } from '../domain/conversation/conversation.model';
import { Message } from '../domain/message/message.model';
import { transcriptPage } from '../domain/message/transcript';
import type { CustomerMessage } from '../http/contract';
import { toChatMessage } from './message-view';
import { newVisitorToken } from './visitor-token';

const PAGE = 200;
const visible = { internal: { $ne: true } };

/** Gives a new conversation its visitor token (only its hash is stored) and returns the token. */
export async function issueVisitorToken(conversationId: string | Types.ObjectId): Promise<string> {
  const { token, hash } = newVisitorToken();
  await Conversation.updateOne({ _id: conversationId }, { $set: { tokenHash: hash } });
  return token;
}

/** The first page of what the customer sees (the greeting after opening). */
export async function firstMessages(conversationId: string | Types.ObjectId): Promise<CustomerMessage[]> {
  const messages = await Message.find({ conversation: conversationId, ...visible }).sort({ createdAt: 1, _id: 1 }).limit(PAGE);
  return messages.map((m) => toChatMessage(m, 'customer'));
}

/** The visible replies to one inbound message (a retried send gets the same ones). */
export async function repliesTo(messageId: string | Types.ObjectId | undefined): Promise<CustomerMessage[]> {
  if (!messageId) return [];
  const replies = await Message.find({ replyTo: messageId, ...visible }).sort({ createdAt: 1, _id: 1 });
  return replies.map((m) => toChatMessage(m, 'customer'));
}

/** The visible transcript after a cursor, oldest first, with the cursor of its last message. */
export async function visibleAfter(conversationId: Types.ObjectId, after: string | undefined): Promise<{ messages: CustomerMessage[]; cursor?: string }> {
  const page = await transcriptPage(conversationId, { after, limit: PAGE, filter: visible });
  const cursor = page.length ? String(page[page.length - 1]._id) : after;
  return { messages: page.map((m) => toChatMessage(m, 'customer')), ...(cursor ? { cursor } : {}) };
}
