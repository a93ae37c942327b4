import type { AUTHORS, CONVERSATION_STATUSES } from './enums';

/** Who wrote a message. */
export type Author = (typeof AUTHORS)[number];
/** Where a conversation is: with the bot, waiting for a human, with an agent, or closed. */
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
