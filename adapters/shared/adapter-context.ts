import type { Logger } from 'pino';
import type { Inbox } from '../../src/channels/channel-adapter';
import type { Locale } from '../../src/core/message';

/** What every adapter gets from the composition root besides its own variables. */
export interface AdapterContext {
  /** The service's door for inbound messages (ConversationService). */
  inbox: Inbox;
  log: Logger;
  /** DEFAULT_LOCALE: the language of agent labels when nothing tells the customer's. */
  defaultLocale: Locale;
}
