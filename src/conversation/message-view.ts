import type { OutboundMessage } from '../core/message';
import type { MessageRecord } from '../domain/message/message.model';
import type { ChatMessage } from '../http/contract';
import { attachmentViews, plainAttachments } from '../domain/media/attachment-view';

export type { ChatMessage };

/** A stored outbound message as the engine's OutboundMessage. */
export function toOutbound(m: Pick<MessageRecord, 'author' | 'text' | 'quickReplies' | 'agent' | 'attachments'>): OutboundMessage {
  return {
    author: m.author === 'customer' ? 'system' : m.author,
    text: m.text,
    ...(m.quickReplies?.length ? { quickReplies: m.quickReplies.map((q) => ({ label: q.label, value: q.value })) } : {}),
    ...(m.agent?.name ? { agent: { name: m.agent.name, number: m.agent.number ?? '' } } : {}),
    ...(m.attachments?.length ? { attachments: plainAttachments(m.attachments) } : {}),
  };
}

/**
 * A stored message as a client sees it (the contract's message shape). Customers (widget, client
 * API) never get internal notes nor delivery details; the console gets both. Callers filter
 * internal notes out for customers.
 */
export function toChatMessage(m: MessageRecord, audience: 'customer' | 'console'): ChatMessage {
  const view: ChatMessage = {
    id: String(m._id),
    author: m.author,
    text: m.text ?? '',
    createdAt: (m.createdAt ?? new Date()).toISOString(),
  };
  if (m.quickReplies?.length) view.quickReplies = m.quickReplies.map((q) => ({ label: q.label, value: q.value }));
  if (m.author === 'agent' && m.agent?.name) view.agent = { name: m.agent.name, number: m.agent.number ?? '' };
  const attachments = attachmentViews(m, audience);
  if (attachments) view.attachments = attachments;
  if (audience === 'console') {
    if (m.internal) view.internal = true;
    if (m.delivery?.state) view.delivery = { state: m.delivery.state, ...(m.delivery.error ? { error: m.delivery.error } : {}) };
  }
  return view;
}
