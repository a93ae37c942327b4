/**
 * The one normalised message shape every channel speaks (cf. Bot Framework's Activity).
 * Adapters turn platform deliveries into InboundMessage and render OutboundMessage natively.
 */
export const CHANNELS = ['web', 'api', 'terminal', 'wecom', 'wechat-mp', 'wechaty', 'onebot', 'telegram', 'botframework'] as const;
export type ChannelId = (typeof CHANNELS)[number];

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type Author = 'customer' | 'bot' | 'agent' | 'system';

/** A button the customer can press; channels without buttons render it as a numbered option. */
export interface QuickReply {
  label: string;
  value: string;
}

export interface InboundMessage {
  channel: ChannelId;
  /** The customer's id on that channel (openid, userid, QQ number, chat id…). */
  externalUserId: string;
  /** The thread on that channel: the group/room when there is one, else the customer. */
  conversationKey: string;
  /** The platform's own message id; stored unique per channel so retries are handled once. */
  channelMessageId: string;
  text?: string;
  /** The value of a quick reply the customer pressed. */
  choice?: string;
  /** Locale the platform reports (Telegram language_code, Activity.locale, widget data-locale). */
  localeHint?: string;
  displayName?: string;
  receivedAt?: Date;
  /** Anything the adapter needs to reply later (serviceUrl, group id…); stored on the conversation. */
  replyContext?: Record<string, unknown>;
}

export interface OutboundMessage {
  author: Exclude<Author, 'customer'>;
  text: string;
  quickReplies?: QuickReply[];
  /** Set on agent messages: shown as "name (No. number)". */
  agent?: { name: string; number: string };
}
