/**
 * The shapes of docs/live-chat-api.md as the browser sees them (widget and console).
 */

/** Who wrote a message. */
export type Author = 'customer' | 'bot' | 'agent' | 'system';

/** A button the customer can press under a bot message. */
export interface QuickReply {
  label: string;
  value: string;
}

/** An agent as shown to customers: "小王 (101号)". */
export interface AgentBadge {
  name: string;
  number: string;
}

/** The one message shape of the contract. `internal` and `delivery` reach the console only. */
export interface ChatMessage {
  id: string;
  author: Author;
  text: string;
  createdAt: string;
  quickReplies?: QuickReply[];
  agent?: AgentBadge;
  internal?: boolean;
  delivery?: { state: 'pending' | 'sent' | 'failed' | 'inline' | 'none'; error?: string };
}

/** Where a conversation is: with the bot, waiting for a human, with an agent, or closed. */
export type ConversationStatus = 'bot' | 'waiting' | 'assigned' | 'closed';

/** The conversation state the widget hears about (socket `conversation`, GET messages). */
export interface ConversationState {
  status: ConversationStatus;
  queuePosition?: number;
  agent?: AgentBadge;
}

/** The three rating dimensions (服务态度, 响应速度, 问题解决) and a comment. */
export interface Rating {
  attitude: number;
  speed: number;
  resolution: number;
  comment?: string;
}
