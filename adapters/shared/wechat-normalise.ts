import type { InboundFile } from '../../src/channels/channel-adapter';
import type { AttachmentKind, InboundMessage } from '../../src/core/message';
import { MEDIA_TYPES } from '../wecom/message.schema';
import type { WeChatInboundXml } from '../wecom/xml';
import { placeholderText } from './inbound';
import { mediaKey } from './inbound-media';

/**
 * A WeCom or Official Account message (not an event) as an InboundMessage. Both platforms only
 * deliver one-to-one messages to an app, so the thread is the sender. Ids stay strings: Official
 * Account MsgIds exceed 2^53.
 */
export function normaliseWeChatMessage(channel: 'wecom' | 'wechat-mp', xml: WeChatInboundXml): InboundMessage {
  const recognition = recognitionOf(xml);
  const text =
    xml.msgType === 'text'
      ? (xml.content ?? '')
      : // A voice message with speech recognition on carries what was said; a picture says nothing.
        (recognition ?? (MEDIA_TYPES.includes(xml.msgType) ? '' : placeholderText(xml.msgType)));
  return {
    channel,
    externalUserId: xml.fromUserName,
    conversationKey: xml.fromUserName,
    channelMessageId: xml.msgId ?? eventMessageId(xml),
    text,
    receivedAt: receivedAt(xml.createTime),
  };
}

function recognitionOf(xml: WeChatInboundXml): string | undefined {
  const recognition = xml.fields.Recognition;
  return xml.msgType === 'voice' && typeof recognition === 'string' && recognition.trim() !== '' ? recognition : undefined;
}

const KINDS: Record<string, AttachmentKind> = { image: 'image', voice: 'voice', video: 'video', shortvideo: 'video', file: 'file' };

/**
 * The file of a picture, voice or video message, fetched by its MediaId through the platform's
 * media API (`fetch`); the Official Account's speech recognition is kept as the voice's transcript.
 */
export function weChatFiles(channel: 'wecom' | 'wechat-mp', xml: WeChatInboundXml, fetch: (mediaId: string) => Promise<Buffer>): InboundFile[] {
  const kind = KINDS[xml.msgType];
  const mediaId = xml.fields.MediaId;
  if (!kind || typeof mediaId !== 'string') return [];
  const format = typeof xml.fields.Format === 'string' ? xml.fields.Format.toLowerCase() : undefined;
  const transcript = recognitionOf(xml);
  return [
    {
      key: mediaKey(channel, xml.msgId ?? eventMessageId(xml)),
      kind,
      ...(kind === 'voice' && format ? { name: `voice.${format}` } : {}),
      ...(transcript ? { transcript } : {}),
      data: () => fetch(mediaId),
    },
  ];
}

/** Events have no MsgId: the platforms say to de-duplicate them on FromUserName + CreateTime. */
export function eventMessageId(xml: WeChatInboundXml): string {
  return `event:${xml.fromUserName}:${xml.createTime}:${xml.event ?? ''}`;
}

function receivedAt(createTime: string): Date | undefined {
  const seconds = Number(createTime);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}
