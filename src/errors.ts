/**
 * The error catalogue: every error the service reports has a stable code, an HTTP status and a
 * message. The HTTP layer maps AppError to responses; anything else is a 500.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid' },
  BAD_REQUEST: { status: 400, message: 'The request cannot be read' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the body as application/json' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; try again shortly' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in or send a valid token' },
  SIGNATURE_INVALID: { status: 401, message: 'The signature does not match' },
  FORBIDDEN: { status: 403, message: 'You may not do this' },
  ACCOUNT_LOCKED: { status: 423, message: 'Too many failed sign-ins; try again later' },
  NOT_FOUND: { status: 404, message: 'Not found' },
  CONVERSATION_NOT_FOUND: { status: 404, message: 'Conversation not found' },
  CUSTOMER_NOT_FOUND: { status: 404, message: 'Customer not found' },
  FLOW_NOT_FOUND: { status: 404, message: 'Flow not found' },
  USER_NOT_FOUND: { status: 404, message: 'User not found' },
  MESSAGE_NOT_FOUND: { status: 404, message: 'Message not found' },
  FILE_NOT_FOUND: { status: 404, message: 'File not found' },
  FILE_TOO_LARGE: { status: 413, message: 'The file is larger than allowed' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, message: 'Files of this type are not accepted' },
  VIOLATION_NOT_FOUND: { status: 404, message: 'Ledger entry not found' },
  CONFLICT: { status: 409, message: 'The record was changed by someone else; reload and retry' },
  DUPLICATE: { status: 409, message: 'A record with the same key exists' },
  FORBIDDEN_PHRASE: { status: 422, message: 'The message contains a forbidden service phrase' },
  CHAT_NOT_CLAIMABLE: { status: 409, message: 'The conversation is not waiting for an agent' },
  CHAT_NOT_ASSIGNED: { status: 409, message: 'Claim the conversation before replying' },
  CONVERSATION_CLOSED: { status: 409, message: 'The conversation is closed; start a new one' },
  NOT_RATEABLE: { status: 409, message: 'Only a conversation closed by an agent can be rated' },
  ALREADY_RATED: { status: 409, message: 'The conversation has already been rated' },
  AGENT_UNAVAILABLE: { status: 409, message: 'The agent is offline or inactive' },
  LAST_ADMIN: { status: 409, message: 'The last active admin cannot be disabled or lose the admin role' },
  DECISION_NOT_ALLOWED: { status: 409, message: 'This decision does not apply to the entry in its current state' },
  STEP_NOT_ALLOWED: { status: 409, message: 'This step does not apply to the record in its current state' },
  BOT_VERSION_NOT_FOUND: { status: 404, message: 'There is no such published version of the bot' },
  BOT_CONTENT_INVALID: { status: 422, message: 'The bot content has problems; details name the flow, step and field' },
  BOT_TESTS_FAILED: { status: 422, message: 'Conversation tests fail against the draft; details name them and why' },
  BOT_TESTS_PENDING: { status: 409, message: 'Run the conversation tests against this draft first (or wait for the run)' },
  BOT_DRAFT_UNCHANGED: { status: 409, message: 'The draft is the same as the published version' },
  BOT_SANDBOX_FAILED: { status: 503, message: 'The test bot could not run; try again' },
  CHANNEL_SEND_FAILED: { status: 502, message: 'The channel did not accept the message' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'The database does not answer' },
  SHUTTING_DOWN: { status: 503, message: 'The service is restarting; try again in a moment' },
  REQUEST_TIMEOUT: { status: 503, message: 'The request took too long; try again' },
  INTERNAL: { status: 500, message: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** An error with a catalogue code; `details` goes to the client (e.g. which field failed). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown; details?: unknown }) {
    super(message ?? ERRORS[code].message, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = options?.details;
  }
}

/** A platform refused or failed a call; `retryable` tells the sender whether to try again. */
export class ChannelError extends Error {
  readonly platform: string;
  readonly platformCode?: string | number;
  readonly retryable: boolean;
  /** Milliseconds the platform asked us to wait (Telegram retry_after, …). */
  readonly retryAfterMs?: number;

  constructor(
    platform: string,
    message: string,
    options: { code?: string | number; retryable: boolean; retryAfterMs?: number; cause?: unknown },
  ) {
    super(`${platform}: ${message}`, { cause: options.cause });
    this.name = 'ChannelError';
    this.platform = platform;
    this.platformCode = options.code;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}
