import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { acceptRawBody, parseJson, rawBodyOf } from '../shared/raw-body';

/** What the Telegram webhook needs from its adapter. */
export interface TelegramRoutesDeps {
  /** TELEGRAM_WEBHOOK_SECRET; without it every delivery is refused (anyone could post updates). */
  secret?: string;
  /** Runs the bot's middleware on the update: resolves once the message is stored. */
  handleUpdate(update: unknown): Promise<void>;
}

/**
 * POST /webhooks/telegram. Telegram sends the secret given to setWebhook in
 * X-Telegram-Bot-Api-Secret-Token; it is compared in constant time before the body is parsed. The
 * answer is 200 once the message is stored; a 5xx makes Telegram deliver the update again.
 */
export function telegramRoutes(deps: TelegramRoutesDeps): FastifyPluginAsync {
  return async (app) => {
    acceptRawBody(app);
    app.post('/webhooks/telegram', { schema: { hide: true } }, async (req, reply) => {
      const header = req.headers['x-telegram-bot-api-secret-token'];
      if (deps.secret === undefined || typeof header !== 'string' || !sameSecret(header, deps.secret)) {
        return reply.code(403).send({ error: 'bad secret token' });
      }
      const update = parseJson(rawBodyOf(req.body));
      if (typeof update !== 'object' || update === null || typeof (update as { update_id?: unknown }).update_id !== 'number') {
        return reply.code(400).send({ error: 'not an Update' });
      }
      await deps.handleUpdate(update);
      return reply.code(200).send('');
    });
  };
}

// Digests first: equal lengths for timingSafeEqual without revealing the secret's length.
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
