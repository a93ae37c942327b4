import type { FastifyPluginAsync } from 'fastify';
import type { SessionService } from '../../domain/user/session.service';
import { User } from '../../domain/user/user.model';
import { Session } from '../../domain/user/session.model';
import type { EventBus } from '../../conversation/events';
import { SESSION_COOKIE, currentUser, sessionGuard } from '../session-auth';
import { toUserView } from '../user-view';
import { consoleUser, errors } from '../schemas';

export interface AuthRoutesOptions {
  sessions: SessionService;
  events: EventBus;
}

const tags = ['auth'];
const userBody = { type: 'object', properties: { user: consoleUser }, required: ['user'] } as const;

/**
 * Console sign-in and sign-out. The session token travels only in the httpOnly, SameSite=Strict
 * cookie `kefu_session` (Secure over HTTPS); the database keeps its SHA-256.
 */
export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, { sessions, events }) => {
  const { requireUser } = sessionGuard(sessions);

  app.post<{ Body: { email: string; password: string } }>(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in to the console (sets the session cookie)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'password'],
          properties: { email: { type: 'string', minLength: 3, maxLength: 200 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: { 200: userBody, ...errors(400, 401, 423) },
      },
    },
    async (req, reply) => {
      const { user, token, expiresAt } = await sessions.signIn(req.body.email, req.body.password, { ip: req.ip, userAgent: req.headers['user-agent'] });
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto', expires: expiresAt });
      return { user: toUserView(user) };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: 'Sign out: the session ends and the cookie is cleared', response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      const ended = await sessions.end(req.cookies[SESSION_COOKIE]);
      if (ended) {
        // Signed out everywhere means nobody at the desk: stop routing chats to them.
        if (!(await Session.exists({ user: ended.user._id, expiresAt: { $gt: new Date() } }))) {
          await User.updateOne({ _id: ended.user._id }, { $set: { presence: 'offline' } });
          const user = await User.findById(ended.user._id);
          if (user) events.emit('agent.presence', { user });
        }
        events.emit('session.ended', { sessionId: ended.sessionId, userId: String(ended.user._id) });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    { onRequest: requireUser(), schema: { tags, summary: 'The signed-in user', security: [{ session: [] }], response: { 200: userBody, ...errors(401) } } },
    async (req) => ({ user: toUserView(currentUser(req)) }),
  );
};
