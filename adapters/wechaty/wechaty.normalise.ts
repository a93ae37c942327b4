import type { Message } from 'wechaty';
import type { AttachmentKind, InboundMessage } from '../../src/core/message';
import { placeholderText } from '../shared/inbound';

/** wechaty's MessageType values we read (the enum lives in wechaty-puppet; numbers avoid loading it). */
const TEXT = 7;
const KIND: Record<number, string> = { 3: 'contact card', 5: 'sticker', 8: 'location', 14: 'link' };
/** Message types whose content is a file (Attachment, Audio, Image, Video): fetched with msg.toFileBox(). */
export const FILE_KINDS: Record<number, AttachmentKind> = { 1: 'file', 2: 'voice', 6: 'image', 15: 'video' };

/**
 * A wechaty message as an InboundMessage, or undefined when it is not for us: the bot's own messages
 * (`msg.self()`), and room messages that do not @-mention the bot. The thread is the room if any,
 * else the talker; in a room the mention itself is cut from the text.
 */
export async function normaliseWechatyMessage(msg: Message): Promise<InboundMessage | undefined> {
  if (msg.self()) return undefined;
  const room = msg.room();
  if (room !== undefined && !(await msg.mentionSelf())) return undefined;
  const talker = msg.talker();
  const type = msg.type();
  // A picture, voice or file says nothing itself (the adapter attaches it); a card or a link is named.
  const text = FILE_KINDS[type] ? '' : type !== TEXT ? placeholderText(KIND[type] ?? 'message') : room !== undefined ? await msg.mentionText() : msg.text();
  return {
    channel: 'wechaty',
    externalUserId: talker.id,
    conversationKey: room?.id ?? talker.id,
    channelMessageId: msg.id,
    text,
    displayName: talker.name() || undefined,
    receivedAt: msg.date(),
    // In a room the reply goes to the room, mentioning whoever spoke last (the room's conversation
    // belongs to its first talker, so externalUserId is not enough).
    ...(room !== undefined ? { replyContext: { roomId: room.id, talkerId: talker.id } } : {}),
  };
}
