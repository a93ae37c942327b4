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

/** What a picture, file, voice or video message carries. */
export const ATTACHMENT_KINDS = ['image', 'file', 'voice', 'video'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/**
 * A picture, file, voice or video of a message, stored once in the file store (src/domain/media).
 * Without `fileId` it could not be stored, and `error` says why (too large, a type not allowed,
 * the platform did not hand it over): the message still shows that something was sent.
 */
export interface Attachment {
  kind: AttachmentKind;
  fileId?: string;
  name?: string;
  /** Bytes. */
  size?: number;
  /** The type read from the file's own bytes, never the sender's claim. */
  mime?: string;
  /** A small JPEG of an image, for lists and the transcript. */
  thumbnailId?: string;
  /** Seconds (voice, video). */
  duration?: number;
  /** What was said in a voice message, when the platform recognised it (Official Account Recognition). */
  transcript?: string;
  error?: 'too_large' | 'type_not_allowed' | 'unavailable';
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
  /** Pictures, files, voice: already in the file store (the text is their caption, if any). */
  attachments?: Attachment[];
}

export interface OutboundMessage {
  author: Exclude<Author, 'customer'>;
  text: string;
  quickReplies?: QuickReply[];
  /** Set on agent messages: shown as "name (No. number)". */
  agent?: { name: string; number: string };
  /** Pictures and files an agent sends; each channel delivers them with its own media API. */
  attachments?: Attachment[];
}
