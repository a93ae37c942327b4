import type { FastifyPluginAsync } from 'fastify';
import type { Attachment, AttachmentKind, ChannelId, InboundMessage, OutboundMessage } from '../core/message';

/** Where a reply goes: enough for an adapter to reach the customer again (proactive messages too). */
export interface ConversationRef {
  channel: ChannelId;
  externalUserId: string;
  conversationKey: string;
  replyContext?: Record<string, unknown>;
}

/** What the service answers an adapter that hands it an inbound message. */
export interface ReceiveResult {
  /** True when the platform retried a message already stored: nothing new was stored. */
  duplicate: boolean;
  conversationId: string;
  /** The stored inbound message (the original one for a duplicate). */
  messageId?: string;
  /** Resolves with the bot's replies to this message (the same replies again for a duplicate). */
  replies: Promise<OutboundMessage[]>;
}

export interface ReceiveOptions {
  /** The caller delivers the replies itself (Bot Framework expectReplies, the client API). */
  inlineReplies?: boolean;
}

/** Who a greeting is for: a customer who has not written yet (e.g. just followed an Official Account). */
export type GreetIdentity = Pick<InboundMessage, 'channel' | 'externalUserId' | 'conversationKey' | 'displayName' | 'localeHint' | 'replyContext'>;

/** The door into the service for adapters: store first, then the engine runs and replies. */
export interface Inbox {
  receive(message: InboundMessage, options?: ReceiveOptions): Promise<ReceiveResult>;
  /**
   * Opens the customer's conversation and greets them once (the greeting is delivered through the
   * adapter's send() like any reply). Optional: an inbox without it greets on the first message.
   */
  greet?(identity: GreetIdentity): Promise<void>;
}

export interface AdapterStatus {
  channel: ChannelId;
  enabled: boolean;
  connected: boolean;
  lastReceivedAt?: Date;
  lastSentAt?: Date;
  lastError?: string;
  /** Adapter-specific facts for admins (e.g. the wechaty login QR code URL). */
  details?: Record<string, unknown>;
}

/** One per platform; registered only when its environment variables are set. */
export interface ChannelAdapter {
  readonly channel: ChannelId;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Sends in order; throws ChannelError (with retryable) when a message finally cannot be sent. */
  send(to: ConversationRef, messages: OutboundMessage[]): Promise<void>;
  status(): AdapterStatus;
  /**
   * For a platform that keeps one connection to one service instance (OneBot reverse WebSocket,
   * wechaty): whether that instance is this one. Other instances leave their messages in the outbox
   * for it. Absent: every instance can send.
   */
  sendsHere?(): boolean;
  /** The adapter's webhook routes (registered encapsulated, so it may parse raw bodies its own way). */
  readonly routes?: FastifyPluginAsync;
}

/** One-at-a-time roles across service instances, held as leases (src/db/lease.ts provides them). */
export interface RoleLeases {
  /** Takes or renews the role for ttlMs; `force` takes it from a live holder. */
  take(key: string, ttlMs: number, force?: boolean): Promise<boolean>;
  release(key: string): Promise<void>;
}

/** A picture, file or voice a platform delivered, as an adapter hands it to the file store. */
export interface InboundFile {
  /** Channel, platform message id and position: a retried delivery is stored once. */
  key: string;
  kind: AttachmentKind;
  name?: string;
  duration?: number;
  transcript?: string;
  /** The size the platform announced (a file known to be too large is not downloaded). */
  declaredSize?: number;
  /** Downloads the bytes from the platform; called only when the key is not stored yet. */
  data: () => Promise<Buffer>;
}

/** The file store as adapters see it (src/domain/media/media.service.ts implements it). */
export interface MediaStore {
  readonly maxBytes: number;
  /** Stores a platform's file once per key; one refused or not fetched comes back with `error`. */
  storeInbound(file: InboundFile, onUnavailable?: (err: unknown) => void): Promise<Attachment>;
  /** A stored file's bytes, to upload it to a platform. */
  read(fileId: string): Promise<Buffer>;
}
