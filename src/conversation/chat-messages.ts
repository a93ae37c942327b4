import { Types } from 'mongoose';
import type { Attachment, ChannelId } from '../core/message';
import { Conversation, type ConversationDoc } from '../domain/conversation/conversation.model';
import { Message, type MessageDoc } from '../domain/message/message.model';
import type { EventBus } from './events';
import type { Outbox } from './outbox';

/** A message written by a person or the system, outside the bot's turns. */
export interface ChatMessageInput {
  author: 'agent' | 'system' | 'bot';
  text: string;
  agent?: { id: Types.ObjectId; name: string; number: string };
  /** Private note for agents: never sent to the channel, never shown to the customer. */
  internal?: boolean;
  /** Pictures and files (already in the file store). */
  attachments?: Attachment[];
}

export interface ChatMessageDeps {
  events: EventBus;
  /** Where the message's delivery starts (sent by this instance, or left for the owner of the channel). */
  outbox: Pick<Outbox, 'initialDelivery'>;
}

/**
 * Stores an outbound message of a conversation and announces it (`message.created`): sockets
 * show it, the outbox sends it when its delivery is pending. The conversation's preview moves
 * forward atomically ($max), so concurrent writers never move it back.
 */
export async function storeChatMessage(deps: ChatMessageDeps, conversation: ConversationDoc, input: ChatMessageInput, now = new Date()): Promise<MessageDoc> {
  const channel = conversation.channel as ChannelId;
  const message = await Message.create({
    conversation: conversation._id,
    customer: conversation.customer,
    channel,
    direction: 'out',
    author: input.author,
    text: input.text,
    agent: input.agent,
    internal: !!input.internal,
    ...(input.attachments?.length ? { attachments: input.attachments } : {}),
    channelMessageId: `${input.internal ? 'note' : 'out'}:${new Types.ObjectId().toHexString()}`,
    delivery: input.internal ? { state: 'none', attempts: 0 } : deps.outbox.initialDelivery(channel),
    createdAt: now,
    updatedAt: now,
  });
  if (!input.internal) {
    await Conversation.updateOne({ _id: conversation._id, lastMessageAt: { $not: { $gt: now } } }, { $set: { lastMessageAt: now, lastMessagePreview: input.text.slice(0, 200) } });
  }
  deps.events.emit('message.created', { message, conversation });
  return message;
}
