import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { acceptRawBody, parseJson, rawBodyOf } from '../shared/raw-body';
import { describeInvalidUpdate, telegramUpdate, type TelegramUpdate } from './telegram.schema';

/** What the Telegram webhook needs from its adapter. */
export interface TelegramRoutesDeps {
  /** TELEGRAM_WEBHOOK_SECRET; without it every delivery is refused (anyone could post updates). */
  secret?: string;
  /** Runs the bot's middleware on the validated update: resolves once the message is stored. */
  handleUpdate(update: TelegramUpdate): Promise<void>;
}

/**
 * POST /webhooks/telegram. Telegram sends the secret given to setWebhook in
 * X-Telegram-Bot-Api-Secret-Token; it is compared in constant time before the body is parsed, then
 * the Update is checked against its schema (400 naming the field, nothing stored). The answer is 200
 * once the message is stored; a 5xx makes Telegram deliver the update again.
 */
export function telegramRoutes(deps: TelegramRoutesDeps): FastifyPluginAsync {
  return async (app) => {
    acceptRawBody(app);
    app.post('/webhooks/telegram', { schema: { hide: true } }, async (req, reply) => {
      const header = req.headers['x-telegram-bot-api-secret-token'];
      if (deps.secret === undefined || typeof header !== 'string' || !sameSecret(header, deps.secret)) {
        return reply.code(403).send({ error: 'bad secret token' });
      }
      const parsed = telegramUpdate.safeParse(parseJson(rawBodyOf(req.body)));
      if (!parsed.success) {
        const reason = describeInvalidUpdate(parsed.error);
        req.log.warn({ reason }, 'Telegram update refused');
        return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message: `not a valid Update: ${reason}` } });
      }
      await deps.handleUpdate(parsed.data);
      return reply.code(200).send('');
    });
  };
}

// Digests first: equal lengths for timingSafeEqual without revealing the secret's length.
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
