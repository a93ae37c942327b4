import type { InboundMessage } from '../../src/core/message';
import type { WeChatInboundXml } from '../wecom/xml';
import { placeholderText } from './inbound';

/**
 * A WeCom or Official Account message (not an event) as an InboundMessage. Both platforms only
 * deliver one-to-one messages to an app, so the thread is the sender. Ids stay strings: Official
 * Account MsgIds exceed 2^53.
 */
export function normaliseWeChatMessage(channel: 'wecom' | 'wechat-mp', xml: WeChatInboundXml): InboundMessage {
  const recognition = xml.fields.Recognition;
  const text =
    xml.msgType === 'text'
      ? (xml.content ?? '')
      : // A voice message with speech recognition on carries what was said.
        xml.msgType === 'voice' && typeof recognition === 'string' && recognition.trim() !== ''
        ? recognition
        : placeholderText(xml.msgType);
  return {
    channel,
    externalUserId: xml.fromUserName,
    conversationKey: xml.fromUserName,
    channelMessageId: xml.msgId ?? eventMessageId(xml),
    text,
    receivedAt: receivedAt(xml.createTime),
  };
}

/** Events have no MsgId: the platforms say to de-duplicate them on FromUserName + CreateTime. */
export function eventMessageId(xml: WeChatInboundXml): string {
  return `event:${xml.fromUserName}:${xml.createTime}:${xml.event ?? ''}`;
}

function receivedAt(createTime: string): Date | undefined {
  const seconds = Number(createTime);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}
