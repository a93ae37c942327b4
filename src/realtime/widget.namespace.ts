import type { FastifyInstance } from 'fastify';
import type { Namespace, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { AppError } from '../errors';
import { Conversation } from '../domain/conversation/conversation.model';
import { conversationForToken } from '../conversation/visitor-token';
import { consoleAudience, rooms } from './rooms';
import { socketSlots } from './socket-slots';

type Ack = (answer: unknown) => void;

/** What the widget's messages carry into the client API, so limits count the customer's address (TRUST_PROXY applies alike). */
function origin(socket: Socket): { remoteAddress?: string; headers: Record<string, string> } {
  const forwarded = socket.request.headers['x-forwarded-for'];
  const proto = socket.request.headers['x-forwarded-proto'];
  return {
    remoteAddress: socket.request.socket.remoteAddress,
    headers: {
      ...(typeof forwarded === 'string' ? { 'x-forwarded-for': forwarded } : {}),
      ...(typeof proto === 'string' ? { 'x-forwarded-proto': proto } : {}),
    },
  };
}

/**
 * `/widget`: a customer's browser, admitted with `auth: {conversationId, token}` (else
 * connect_error "unauthorized"). `message` goes through the client API's POST route in-process,
 * so validation, idempotency, limits and errors are the same; `typing` reaches the console. At most
 * `maxPerConversation` sockets per conversation are open on an instance (connect_error
 * "too_many_connections" beyond).
 */
export function registerWidgetNamespace(nsp: Namespace, consoleNsp: Namespace, app: FastifyInstance, log: Logger, maxPerConversation = 10): void {
  const slots = socketSlots(maxPerConversation);
  nsp.use((socket, next) => {
    const { conversationId, token } = (socket.handshake.auth ?? {}) as { conversationId?: unknown; token?: unknown };
    if (typeof conversationId !== 'string' || typeof token !== 'string') return next(new Error('unauthorized'));
    conversationForToken(conversationId, token).then(
      (conversation) => {
        // One customer has a few tabs open, not thousands of sockets on one token.
        if (!slots.take(String(conversation._id), socket)) return next(new Error('too_many_connections'));
        socket.data.conversationId = String(conversation._id);
        socket.data.token = token;
        next();
      },
      (err) => {
        if (!(err instanceof AppError)) log.error({ err }, 'widget socket authentication failed');
        next(new Error('unauthorized'));
      },
    );
  });

  nsp.on('connection', (socket) => {
    const id = socket.data.conversationId as string;
    void socket.join(rooms.conversation(id));

    socket.on('message', async (payload: unknown, ack?: Ack) => {
      if (typeof ack !== 'function') return;
      try {
        const from = origin(socket);
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/client/conversations/${id}/messages`,
          remoteAddress: from.remoteAddress,
          headers: { ...from.headers, authorization: `Bearer ${socket.data.token as string}`, 'content-type': 'application/json' },
          payload: JSON.stringify(payload ?? {}),
        });
        ack(res.json());
      } catch (err) {
        log.error({ err, conversationId: id }, 'widget socket message failed');
        ack({ error: { code: 'INTERNAL', message: 'Internal error' } });
      }
    });

    let typing = false;
    socket.on('typing', async (payload: unknown) => {
      const on = !!(payload as { on?: unknown } | null)?.on;
      // Only changes are forwarded: a keystroke stream costs one lookup per start and stop.
      if (on === typing) return;
      typing = on;
      const conversation = await Conversation.findById(id, { status: 1, assignee: 1 }).lean().catch((err) => log.error({ err }, 'typing lookup failed'));
      if (conversation && conversation.status !== 'bot' && conversation.status !== 'closed') consoleAudience(consoleNsp, conversation).emit('typing', { conversationId: id, on });
    });
  });
}
