import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { normaliseEmail, type SessionService } from '../../domain/user/session.service';
import type { PresenceService } from '../../domain/user/presence.service';
import { changeOwnPassword } from '../../domain/user/user.service';
import type { EventBus } from '../../conversation/events';
import { SESSION_COOKIE, currentSession, currentUser, sessionGuard, sessionSecurity as security } from '../session-auth';
import { toUserView } from '../user-view';
import { errors, loginBody, noContent, passwordChangeBody, userAnswer } from '../contract';
import { clientAddress, limitHook, type Rate } from '../rate-limits';

export interface AuthRoutesOptions {
  sessions: SessionService;
  presence: PresenceService;
  events: EventBus;
  /** RATE_LIMIT_LOGIN_PER_IP and RATE_LIMIT_LOGIN_PER_ACCOUNT (undefined: off). */
  limits?: { perIp?: Rate; perAccount?: Rate };
  /** PUBLIC_URL is https: the cookie is Secure whatever a request says ('auto' otherwise). */
  secureCookie?: boolean;
}

const tags = ['auth'];

/**
 * Console sign-in and sign-out. The session token travels only in the httpOnly, SameSite=Strict
 * cookie `kefu_session` (Secure over HTTPS, always when PUBLIC_URL is https); the database keeps its SHA-256. A sign-in sets the
 * presence PRESENCE_ON_SIGN_IN says; signing out of the last session sets offline.
 */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { sessions, presence, events, limits, secureCookie }) => {
  const { requireUser } = sessionGuard(sessions);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookie ? true : 'auto' } as const;
  // Per address before the body is read; per account once the e-mail is known, sparing addresses
  // that signed in to it lately, so a flood from elsewhere cannot keep its owner out.
  const perIp = limitHook(app, 'login-ip', limits?.perIp, clientAddress, (s) => `Too many sign-in attempts from this address; try again in ${s} seconds`);
  const perAccount = limitHook(
    app,
    'login-account',
    limits?.perAccount,
    async (req) => {
      const email = normaliseEmail((req.body as { email: string }).email);
      return (await sessions.throttle.knownAddress(email, req.ip)) ? undefined : email;
    },
    (s) => `Too many sign-in attempts for this account; try again in ${s} seconds`,
  );

  app.post(
    '/api/v1/auth/login',
    {
      onRequest: perIp,
      preHandler: perAccount,
      schema: {
        tags,
        summary: 'Sign in to the console (sets the session cookie and the presence)',
        description: '423 ACCOUNT_LOCKED after LOGIN_MAX_FAILURES wrong passwords from this address (unknown e-mails alike); 429 RATE_LIMITED with Retry-After over the per-address or per-account limit.',
        body: loginBody,
        response: { 200: userAnswer, ...errors(400, 401, 423, 429) },
      },
    },
    async (req, reply) => {
      const { user, token, expiresAt } = await sessions.signIn(req.body.email, req.body.password, { ip: req.ip, userAgent: req.headers['user-agent'] });
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt });
      return { user: toUserView(await presence.signedIn(user)) };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: 'Sign out: the session ends and the cookie is cleared', response: { 204: noContent } } },
    async (req, reply) => {
      const ended = await sessions.end(req.cookies[SESSION_COOKIE]);
      if (ended) {
        // Signed out everywhere means nobody at the desk: stop routing chats to them.
        if (!(await sessions.hasSession(ended.user._id))) await presence.signedOut(ended.user._id);
        events.emit('session.ended', { sessionId: ended.sessionId, userId: String(ended.user._id) });
      }
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { onRequest: requireUser(), schema: { tags, summary: 'The signed-in user', security, response: { 200: userAnswer, ...errors(401) } } },
    async (req) => ({ user: toUserView(currentUser(req)) }),
  );

  app.put(
    '/api/v1/auth/me/password',
    {
      onRequest: requireUser(),
      schema: {
        tags,
        summary: 'Change my own password (the current one must be right); my other sessions end',
        security,
        body: passwordChangeBody,
        response: { 204: noContent, ...errors(400, 401) },
      },
    },
    async (req, reply) => {
      const { user, sessionId } = currentSession(req);
      const ended = await changeOwnPassword(user._id, req.body.currentPassword, req.body.newPassword, sessionId);
      for (const id of ended) events.emit('session.ended', { sessionId: id, userId: String(user._id) });
      return reply.status(204).send(null);
    },
  );
};
