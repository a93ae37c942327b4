import { Conversation } from '../domain/conversation/conversation.model';
import { attachmentOf, type FoundAttachment } from '../domain/media/media-access';
import { mayReadConversation, type Reader } from './chat-access';

/**
 * Attachment `index` of a message for a console user, by the rule of reading its conversation
 * (managers every one; agents their own, the waiting ones and those they took part in): a
 * conversation the agent may not read cannot give its files (403).
 */
export function attachmentForReader(reader: Reader, messageId: string, index: number): Promise<FoundAttachment> {
  return attachmentOf(messageId, index, async (conversationId) => {
    const conversation = await Conversation.findById(conversationId, { status: 1, assignee: 1 }).lean();
    return !!conversation && mayReadConversation(reader, conversation);
  });
}
