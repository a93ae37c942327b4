import type { FastifyPluginAsync } from 'fastify';
import type { Request as BotRequest, Response as BotResponse, TurnContext } from 'botbuilder';
import { acceptRawBody, parseJson, rawBodyOf } from '../shared/raw-body';
import { checkActivity } from './botframework.schema';

/** What the messaging endpoint needs from its adapter. */
export interface BotFrameworkRoutesDeps {
  /** With an app id, requests must carry a bearer token (CloudAdapter validates it). */
  authRequired: boolean;
  /** CloudAdapter.process, once the SDK is loaded (start()). */
  process(request: BotRequest, response: BotResponse, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  turn(context: TurnContext): Promise<void>;
}

/**
 * POST /api/messages, the Azure Bot messaging endpoint. A missing token is refused before the body is
 * read, an Activity that does not fit its schema with 400 naming the field; the JWT itself is
 * validated by CloudAdapter, which needs the parsed Activity (serviceUrl and channel endorsements
 * are part of the check). CloudAdapter writes through a small response bridge.
 */
export function botFrameworkRoutes(deps: BotFrameworkRoutesDeps): FastifyPluginAsync {
  return async (app) => {
    acceptRawBody(app);
    app.post('/api/messages', { schema: { hide: true } }, async (req, reply) => {
      if (deps.authRequired && !/^Bearer\s+\S+/i.test(req.headers.authorization ?? '')) return reply.code(401).send({ error: 'missing bearer token' });
      const checked = checkActivity(parseJson(rawBodyOf(req.body)));
      if (!checked.ok) {
        req.log.warn({ reason: checked.reason }, 'Bot Framework activity refused');
        return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message: `not a valid Activity: ${checked.reason}` } });
      }
      const body = checked.activity;
      let status = 200;
      let payload: unknown;
      const headers: Record<string, string> = {};
      const response: BotResponse = {
        socket: req.raw.socket,
        status: (code: number) => (status = code),
        header: (name: string, value: unknown) => (headers[name] = String(value)),
        send: (sent: unknown) => (payload = sent),
        end: () => undefined,
      };
      await deps.process({ body, headers: req.headers, method: 'POST' }, response, (context) => deps.turn(context));
      void reply.code(status).headers(headers);
      return payload === undefined ? reply.send() : reply.send(payload);
    });
  };
}
