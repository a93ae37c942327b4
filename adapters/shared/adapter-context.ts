import type { Logger } from 'pino';
import type { Inbox, RoleLeases } from '../../src/channels/channel-adapter';
import type { ChannelId, Locale } from '../../src/core/message';
import type { ReplayGuard } from './replay-guard';

/** What every adapter gets from the composition root besides its own variables. */
export interface AdapterContext {
  /** The service's door for inbound messages (ConversationService). */
  inbox: Inbox;
  log: Logger;
  /** DEFAULT_LOCALE: the language of agent labels when nothing tells the customer's. */
  defaultLocale: Locale;
  /** One-at-a-time roles across instances (OneBot reverse WebSocket, wechaty login). */
  roles: RoleLeases;
  /** Sends what waited in the outbox for this channel (after this instance took its connection). */
  resumeOutbox(channel: ChannelId): void;
  /** The timestamp window and nonce memory of signed webhooks (WeCom, Official Account). */
  replay: ReplayGuard;
}
