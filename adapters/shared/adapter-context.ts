import type { Logger } from 'pino';
import type { Inbox, MediaStore, RoleLeases } from '../../src/channels/channel-adapter';
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
  /** How long a role's lease lasts (it is renewed at a third of that): CHANNEL_ROLE_LEASE_SECONDS. */
  roleLeaseMs: number;
  /** Sends what waited in the outbox for this channel (after this instance took its connection). */
  resumeOutbox(channel: ChannelId): void;
  /** The timestamp window and nonce memory of signed webhooks (WeCom, Official Account). */
  replay: ReplayGuard;
  /** Where inbound pictures, files and voice are stored, and outbound ones read from. */
  media: MediaStore;
}
