import type { FastifyPluginAsync } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { acceptRawBody, parseJson, rawBodyOf } from '../shared/raw-body';
import { checkOneBotEvent, type OneBotMessageEvent } from './onebot.schema';
import { verifyOneBotSignature } from './signature';
import { verifyAccessToken } from './ws-auth';

/** The reverse WebSocket path the implementation connects to. */
export const ONEBOT_WS_PATH = '/ws/onebot';

/** What the OneBot routes need from the adapter. */
export interface OneBotRoutesDeps {
  /** ONEBOT_SECRET: HTTP POST reporting is refused without it (the body would be unauthenticated). */
  secret?: string;
  /** ONEBOT_ACCESS_TOKEN: the reverse WebSocket is refused without it. */
  accessToken?: string;
  /** Stores a checked message event; resolves once stored. */
  receive(event: OneBotMessageEvent): Promise<void>;
  /** A reverse WebSocket passed the token check. */
  connected(socket: WebSocket, request: IncomingMessage): void;
}

/**
 * POST /webhooks/onebot (HTTP reporting: X-Signature HMAC over the raw body, then the event's schema,
 * 400 naming the field; 204 after storing) and the reverse WebSocket at /ws/onebot, attached to the
 * HTTP server's 'upgrade' event for that path only: other upgrades (socket.io) are left untouched,
 * and a refused one is answered 401 and closed.
 */
export function oneBotRoutes(deps: OneBotRoutesDeps): FastifyPluginAsync {
  return async (app) => {
    acceptRawBody(app, 1024 * 1024);
    app.post('/webhooks/onebot', { schema: { hide: true } }, async (req, reply) => {
      const raw = rawBodyOf(req.body);
      const signature = req.headers['x-signature'];
      if (deps.secret === undefined) return reply.code(403).send({ error: 'HTTP reporting needs ONEBOT_SECRET' });
      if (!verifyOneBotSignature(deps.secret, raw, typeof signature === 'string' ? signature : undefined)) return reply.code(401).send({ error: 'bad signature' });
      const payload = parseJson(raw);
      const checked = payload === undefined ? { ok: false as const, reason: 'body is not JSON' } : checkOneBotEvent(payload);
      if (!checked.ok) {
        req.log.warn({ reason: checked.reason }, 'OneBot event refused');
        return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message: `not a valid OneBot event: ${checked.reason}` } });
      }
      // Heartbeats, notices and requests are acknowledged and ignored.
      if (checked.message !== undefined) await deps.receive(checked.message);
      // No quick operation: the reply goes out through send_*_msg after the turn.
      return reply.code(204).send();
    });

    const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
    const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(request.url ?? '/', 'http://localhost').pathname !== ONEBOT_WS_PATH) return;
      if (deps.accessToken === undefined || !verifyAccessToken(deps.accessToken, request.headers, request.url)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => deps.connected(ws, request));
    };
    app.server.on('upgrade', onUpgrade);
    // Open sockets would keep the HTTP server from closing.
    app.addHook('preClose', async () => {
      app.server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    });
  };
}
