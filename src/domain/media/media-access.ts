import type { Types } from 'mongoose';
import type { Attachment } from '../../core/message';
import { AppError } from '../../errors';
import { Message } from '../message/message.model';
import { plainAttachments } from './attachment-view';

/** A stored attachment and the message and conversation it belongs to. */
export interface FoundAttachment {
  attachment: Attachment;
  messageId: Types.ObjectId;
  conversationId: Types.ObjectId;
}

/**
 * Attachment `index` of a message, for a reader `allowed` to see the message's conversation
 * (403 otherwise); 404 for no such message or no stored file there.
 */
export async function attachmentOf(messageId: string, index: number, allowed: (conversationId: Types.ObjectId, internal: boolean) => Promise<boolean>): Promise<FoundAttachment> {
  const message = await Message.findById(messageId, { conversation: 1, attachments: 1, internal: 1 }).lean();
  if (!message) throw new AppError('MESSAGE_NOT_FOUND');
  if (!(await allowed(message.conversation, !!message.internal))) throw new AppError('FORBIDDEN', 'You may not see this conversation or its files');
  const stored = message.attachments?.[index];
  if (!stored?.fileId) throw new AppError('FILE_NOT_FOUND');
  return { attachment: plainAttachments([stored])[0], messageId: message._id, conversationId: message.conversation };
}

/** Attachment `index` of a message of the visitor's own conversation (never of an internal note). */
export async function attachmentForVisitor(conversationId: Types.ObjectId, messageId: string, index: number): Promise<FoundAttachment> {
  try {
    return await attachmentOf(messageId, index, async (of, internal) => String(of) === String(conversationId) && !internal);
  } catch (err) {
    // Another conversation's message is not there for this visitor, rather than forbidden.
    if (err instanceof AppError && err.code === 'FORBIDDEN') throw new AppError('MESSAGE_NOT_FOUND');
    throw err;
  }
}
