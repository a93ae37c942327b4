/**
 * The shapes of docs/live-chat-api.md as the browser sees them (widget and console). They are
 * derived from the server's zod schemas (src/http/contract), the one place the contract is
 * written; only types cross over, so neither bundle carries zod.
 */
export type {
  AgentBadge,
  AttachmentView,
  ChatMessage,
  ConversationState,
  CustomerMessage,
  QuickReply,
  Rating,
  RatingSubmission,
  UploadRules,
} from '../../src/http/contract';
export type { Author, ConversationStatus } from '../../src/http/contract/types';
