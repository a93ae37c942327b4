import type { OutboundMessage } from '../core/message';
import type { MessageDoc } from '../domain/message/message.model';

/** A stored outbound message as the engine's OutboundMessage. */
export function toOutbound(m: MessageDoc): OutboundMessage {
  return {
    author: m.author === 'customer' ? 'system' : m.author,
    text: m.text,
    ...(m.quickReplies?.length ? { quickReplies: m.quickReplies.map((q) => ({ label: q.label, value: q.value })) } : {}),
    ...(m.agent?.name ? { agent: { name: m.agent.name, number: m.agent.number ?? '' } } : {}),
  };
}
