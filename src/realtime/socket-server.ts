import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { EventBus } from '../conversation/events';
import type { SessionService } from '../domain/user/session.service';
import { registerWidgetNamespace } from './widget.namespace';
import { registerConsoleNamespace } from './console.namespace';
import { registerWidgetPush } from './listeners/widget-push.listener';
import { registerConsolePush } from './listeners/console-push.listener';
import { rooms } from './rooms';

export interface RealtimeDeps {
  app: FastifyInstance;
  events: EventBus;
  sessions: SessionService;
  log: Logger;
  /** REDIS_URL: rooms and server-side events span every instance on the same Redis. */
  redisUrl?: string;
  /** WIDGET_SOCKETS_PER_CONVERSATION and CONSOLE_SOCKETS_PER_SESSION. */
  socketLimits?: { perConversation: number; perSession: number };
}

/** The socket.io server of the service. */
export interface Realtime {
  io: Server;
  /** Disconnects every socket; the HTTP server itself is closed by fastify. */
  close(): Promise<void>;
}

/**
 * Attaches socket.io to the HTTP server (path /socket.io) with the namespaces `/widget` and
 * `/console` and the listeners that push service events to them. With a Redis URL, socket.io's
 * Redis adapter makes rooms span instances: a widget connected to instance A hears an agent's
 * reply stored by instance B, and every console sees the chats of all.
 */
export function attachRealtime({ app, events, sessions, log, redisUrl, socketLimits }: RealtimeDeps): Realtime {
  const io = new Server(app.server, {
    serveClient: false,
    // The widget runs on customers' sites; it is authorised by its token, never by cookies.
    cors: { origin: '*', credentials: false },
    maxHttpBufferSize: 64 * 1024,
  });
  const redis = redisUrl ? redisClients(redisUrl, log) : undefined;
  if (redis) io.adapter(createAdapter(redis.pub, redis.sub));
  const widget = io.of('/widget');
  const consoleNsp = io.of('/console');
  registerWidgetNamespace(widget, consoleNsp, app, log, socketLimits?.perConversation);
  registerConsoleNamespace(consoleNsp, widget, sessions, log, socketLimits?.perSession);
  registerWidgetPush(events, widget, log);
  registerConsolePush(events, consoleNsp, log);
  events.on('session.ended', ({ sessionId }) => consoleNsp.in(rooms.session(sessionId)).disconnectSockets(true));
  return {
    io,
    async close() {
      for (const nsp of [widget, consoleNsp, io.of('/')]) nsp.disconnectSockets(true);
      // Not io.close(): it would also close the HTTP server, which fastify closes (once) itself.
      io.engine.close();
      await Promise.all([redis?.pub.quit(), redis?.sub.quit()].map((p) => p?.catch(() => undefined)));
    },
  };
}

/** The publishing and subscribing connections the Redis adapter needs; errors are logged, it reconnects. */
function redisClients(url: string, log: Logger): { pub: Redis; sub: Redis } {
  const pub = new Redis(url, { maxRetriesPerRequest: 3 });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on('error', (err) => log.error({ err: err.message }, 'redis connection error'));
  return { pub, sub };
}
