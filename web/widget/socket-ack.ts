import { ApiError } from '../shared/http';
import type { ChatMessage } from '../shared/contract';

/** The `/widget` socket's acknowledgement of a `message`: the client API's answer as JSON. */
export type Ack = { messages?: ChatMessage[]; error?: { code: string; message: string; details?: unknown } };

/** The HTTP status each error code has on the REST route, so both paths fail alike. */
const CODE_STATUS: Record<string, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONVERSATION_NOT_FOUND: 404,
  CONFLICT: 409,
  CONVERSATION_CLOSED: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  DATABASE_UNAVAILABLE: 503,
  SHUTTING_DOWN: 503,
  REQUEST_TIMEOUT: 503,
  INTERNAL: 500,
};

/** The bot's replies in an acknowledgement; an ApiError when the server refused the message. */
export function repliesFromAck(ack: Ack | undefined): ChatMessage[] {
  if (ack?.error) throw new ApiError(CODE_STATUS[ack.error.code] ?? 500, ack.error.code, ack.error.message, ack.error.details);
  return ack?.messages ?? [];
}
