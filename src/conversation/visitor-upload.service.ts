import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { ConversationDoc } from '../domain/conversation/conversation.model';
import { Message } from '../domain/message/message.model';
import type { MediaService } from '../domain/media/media.service';
import type { CustomerMessage } from '../http/contract';
import type { ConversationService } from './conversation.service';
import { toChatMessage } from './message-view';
import { repliesTo } from './visitor-chat.service';

/** A file the customer sends from the website (widget or client API), with an optional caption. */
export interface VisitorUpload {
  data: Buffer;
  filename?: string;
  caption?: string;
  /** Makes the upload idempotent: sent again, the file and the message are stored once. */
  clientMessageId?: string;
}

/**
 * The customer sends a picture or a file: it is checked and stored (once per clientMessageId),
 * then received as their message like any other channel's, so a complaint flow waiting for a
 * photo takes it; returns the stored message as the customer sees it and the bot's replies.
 */
export async function receiveVisitorUpload(
  deps: { conversations: ConversationService; media: MediaService },
  conversation: ConversationDoc,
  upload: VisitorUpload,
): Promise<{ message: CustomerMessage; messages: CustomerMessage[] }> {
  if (conversation.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
  const id = String(conversation._id);
  const clientMessageId = upload.clientMessageId ?? randomUUID();
  const attachment = await deps.media.store({ key: `web:${id}:${clientMessageId}`, data: upload.data, name: upload.filename });
  const caption = upload.caption?.trim();
  const result = await deps.conversations.receive(
    {
      channel: 'web',
      externalUserId: conversation.externalUserId,
      conversationKey: conversation.conversationKey,
      channelMessageId: `${id}:${clientMessageId}`,
      ...(caption ? { text: caption.slice(0, 4000) } : {}),
      attachments: [attachment],
    },
    { inlineReplies: true },
  );
  await result.replies;
  const stored = await Message.findById(result.messageId).lean();
  if (!stored) throw new AppError('MESSAGE_NOT_FOUND');
  return { message: toChatMessage(stored, 'customer'), messages: await repliesTo(result.messageId) };
}
