import type { InboundMessage } from '../../src/core/message';
import { placeholderText } from '../shared/inbound';
import { mentionsSelf, plainText, toSegments, type Segment } from './cq-code';
import type { OneBotMessageEvent } from './onebot.schema';

/** Segments whose content is a file: image, record (voice), file. */
export const MEDIA_SEGMENTS = ['image', 'record', 'file'];

/** The picture, voice and file segments of a message (the adapter fetches them). */
export function mediaSegments(event: OneBotMessageEvent): Segment[] {
  return toSegments(event.message).filter((segment) => MEDIA_SEGMENTS.includes(segment.type));
}

/** Where a QQ reply goes; stored as the conversation's replyContext. */
export interface OneBotReplyContext {
  selfId: string;
  userId: string;
  /** Set for group chats. */
  groupId?: string;
  [key: string]: unknown;
}

/**
 * A checked OneBot v11 message event (onebot.schema.ts) as an InboundMessage, or undefined when it is
 * not for us: the bot's own messages, other message types, and group messages that do not @-mention
 * the bot. The message may be a CQ-code string or a segment array. Group threads are keyed `group:<id>` (group and QQ numbers may
 * coincide). The message id is an int32 that implementations recycle, so the event time is part of the
 * key: a retried POST repeats both, a later message with a reused id does not.
 */
export function normaliseOneBotEvent(event: OneBotMessageEvent): InboundMessage | undefined {
  const selfId = String(event.self_id);
  const userId = String(event.user_id);
  if (userId === selfId) return undefined;
  const isGroup = event.message_type === 'group';
  if (!isGroup && event.message_type !== 'private') return undefined;
  const segments = toSegments(event.message);
  if (isGroup && !mentionsSelf(segments, selfId)) return undefined;
  // Pictures, voice and files are attachments (oneBotFiles); other kinds (a face, a card) are named.
  const other = segments.find((segment) => !['text', 'at', 'reply', ...MEDIA_SEGMENTS].includes(segment.type));
  const text = plainText(segments) || (other === undefined ? '' : placeholderText(other.type));
  const replyContext: OneBotReplyContext = isGroup ? { selfId, userId, groupId: String(event.group_id) } : { selfId, userId };
  return {
    channel: 'onebot',
    externalUserId: userId,
    conversationKey: isGroup ? `group:${String(event.group_id)}` : userId,
    channelMessageId: `${selfId}:${String(event.message_id)}:${event.time}`,
    text,
    displayName: event.sender?.card || event.sender?.nickname || undefined,
    receivedAt: new Date(event.time * 1000),
    replyContext,
  };
}
