import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
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
}

/** The socket.io server of the service. */
export interface Realtime {
  io: Server;
  /** Disconnects every socket; the HTTP server itself is closed by fastify. */
  close(): Promise<void>;
}

/**
 * Attaches socket.io to the HTTP server (path /socket.io) with the namespaces `/widget` and
 * `/console` and the listeners that push service events to them. One instance: several
 * instances would need socket.io's Redis adapter so rooms span them.
 */
export function attachRealtime({ app, events, sessions, log }: RealtimeDeps): Realtime {
  const io = new Server(app.server, {
    serveClient: false,
    // The widget runs on customers' sites; it is authorised by its token, never by cookies.
    cors: { origin: '*', credentials: false },
    maxHttpBufferSize: 64 * 1024,
  });
  const widget = io.of('/widget');
  const consoleNsp = io.of('/console');
  registerWidgetNamespace(widget, consoleNsp, app, log);
  registerConsoleNamespace(consoleNsp, widget, sessions, log);
  registerWidgetPush(events, widget, log);
  registerConsolePush(events, consoleNsp, log);
  events.on('session.ended', ({ sessionId }) => consoleNsp.in(rooms.session(sessionId)).disconnectSockets(true));
  return {
    io,
    async close() {
      for (const nsp of [widget, consoleNsp, io.of('/')]) nsp.disconnectSockets(true);
      // Not io.close(): it would also close the HTTP server, which fastify closes (once) itself.
      io.engine.close();
    },
  };
}
