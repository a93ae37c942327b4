import type { OutboundMessage } from '../core/message';
import type { MessageDoc, MessageFields } from '../domain/message/message.model';

/** A stored outbound message as the engine's OutboundMessage. */
export function toOutbound(m: MessageDoc): OutboundMessage {
  return {
    author: m.author === 'customer' ? 'system' : m.author,
    text: m.text,
    ...(m.quickReplies?.length ? { quickReplies: m.quickReplies.map((q) => ({ label: q.label, value: q.value })) } : {}),
    ...(m.agent?.name ? { agent: { name: m.agent.name, number: m.agent.number ?? '' } } : {}),
  };
}

/** The contract's message shape (docs/live-chat-api.md). */
export interface ChatMessage {
  id: string;
  author: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
  createdAt: string;
  quickReplies?: { label: string; value: string }[];
  agent?: { name: string; number: string };
  internal?: boolean;
  delivery?: { state: 'pending' | 'sent' | 'failed' | 'inline' | 'none'; error?: string };
}

/**
 * A stored message as a client sees it. Customers (widget, client API) never get internal notes
 * nor delivery details; the console gets both. Callers filter internal notes out for customers.
 */
export function toChatMessage(m: MessageDoc | MessageFields & { _id: unknown; createdAt?: Date }, audience: 'customer' | 'console'): ChatMessage {
  const view: ChatMessage = {
    id: String(m._id),
    author: m.author,
    text: m.text ?? '',
    createdAt: (m.createdAt ?? new Date()).toISOString(),
  };
  if (m.quickReplies?.length) view.quickReplies = m.quickReplies.map((q) => ({ label: q.label, value: q.value }));
  if (m.author === 'agent' && m.agent?.name) view.agent = { name: m.agent.name, number: m.agent.number ?? '' };
  if (audience === 'console') {
    if (m.internal) view.internal = true;
    if (m.delivery?.state) view.delivery = { state: m.delivery.state, ...(m.delivery.error ? { error: m.delivery.error } : {}) };
  }
  return view;
}
