import fastifyCookie from '@fastify/cookie';
import type { Namespace } from 'socket.io';
import type { Logger } from 'pino';
import { isValidObjectId } from 'mongoose';
import type { SessionService } from '../domain/user/session.service';
import type { PresenceService } from '../domain/user/presence.service';
import { Conversation } from '../domain/conversation/conversation.model';
import { SESSION_COOKIE } from '../http/session-auth';
import { rooms } from './rooms';
import { socketSlots } from './socket-slots';

/**
 * `/console`: agents' browsers, admitted by the session cookie (SameSite=Strict, so other sites'
 * pages cannot open it). The user's sockets join their own room, their session's (closed on
 * sign-out), and the managers' room for managers and admins. `typing` reaches the customer. At
 * most `maxPerSession` sockets per sign-in are open on an instance.
 */
export function registerConsoleNamespace(nsp: Namespace, widget: Namespace, sessions: SessionService, log: Logger, maxPerSession = 10): void {
  const slots = socketSlots(maxPerSession);
  nsp.use((socket, next) => {
    const token = fastifyCookie.parse(socket.request.headers.cookie ?? '')[SESSION_COOKIE];
    sessions.resolve(token).then(
      (signed) => {
        if (!signed) return next(new Error('unauthorized'));
        if (!slots.take(signed.sessionId, socket)) return next(new Error('too_many_connections'));
        socket.data.userId = String(signed.user._id);
        socket.data.role = signed.user.role;
        socket.data.sessionId = signed.sessionId;
        next();
      },
      (err) => {
        log.error({ err }, 'console socket authentication failed');
        next(new Error('unauthorized'));
      },
    );
  });

  nsp.on('connection', (socket) => {
    const { userId, role, sessionId } = socket.data as { userId: string; role: string; sessionId: string };
    void socket.join([rooms.console, rooms.user(userId), rooms.session(sessionId), ...(role === 'agent' ? [] : [rooms.managers])]);

    socket.on('typing', async (payload: unknown) => {
      const { conversationId, on } = (payload ?? {}) as { conversationId?: unknown; on?: unknown };
      if (typeof conversationId !== 'string' || !isValidObjectId(conversationId)) return;
      const conversation = await Conversation.findById(conversationId, { status: 1, assignee: 1 }).lean().catch((err) => log.error({ err }, 'typing lookup failed'));
      // Only the agent serving the chat (or a manager) is shown typing to the customer.
      if (!conversation || conversation.status !== 'assigned') return;
      if (role === 'agent' && String(conversation.assignee) !== userId) return;
      widget.to(rooms.conversation(conversationId)).emit('typing', { on: !!on });
    });
  });
}

/**
 * Tells presence which users have a console open on this instance: a socket's connect and
 * disconnect move the user's `presenceSeenAt`, and the instance's heartbeat keeps it fresh while
 * one is open. When the last one is gone for PRESENCE_GRACE_SECONDS, the user goes offline.
 */
export function trackConsolePresence(nsp: Namespace, presence: PresenceService): void {
  nsp.on('connection', (socket) => {
    const userId = socket.data.userId as string | undefined;
    if (!userId) return;
    presence.connected(userId);
    socket.on('disconnect', () => presence.disconnected(userId));
  });
}
