import { TelegramError } from 'telegraf';
import { ChannelError } from '../../src/errors';

/**
 * Bot API failures as ChannelError for the send queue: 429 carries `retry_after` (seconds) and is
 * retried after at least that long; 5xx and network failures are retryable; other 4xx are final
 * (403: the customer blocked the bot; 400: bad request or chat not found).
 */
export function toTelegramChannelError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  if (error instanceof TelegramError) {
    const retryAfter = error.parameters?.retry_after;
    return new ChannelError('telegram', error.description, {
      code: error.code,
      retryable: error.code === 429 || error.code >= 500,
      retryAfterMs: typeof retryAfter === 'number' ? retryAfter * 1000 : undefined,
      cause: error,
    });
  }
  // telegraf's fetch reports transport failures as FetchError with a system error code.
  const code = (error as { code?: unknown } | null)?.code;
  const isTransport = (error as Error | null)?.name === 'FetchError' || (typeof code === 'string' && /^E[A-Z]+$/.test(code));
  return new ChannelError('telegram', error instanceof Error ? error.message : String(error), {
    code: typeof code === 'string' ? code : undefined,
    retryable: isTransport,
    cause: error,
  });
}
