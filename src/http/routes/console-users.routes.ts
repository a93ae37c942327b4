import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SessionService } from '../../domain/user/session.service';
import type { PresenceService } from '../../domain/user/presence.service';
import { createUser, getUser, listUsers, resetPassword, updateUser, type UserChange } from '../../domain/user/user.service';
import { generatePassword } from '../../domain/user/password';
import { auditTrail, recordAudit } from '../../domain/audit/audit.service';
import type { EventBus } from '../../conversation/events';
import { ADMINS, MANAGERS, actorOf, sessionGuard, sessionSecurity as security } from '../session-auth';
import { toUserView } from '../user-view';
import {
  auditEntry, auditQuery, consoleUser, errors, idParams, passwordAnswer, passwordResetBody, userAnswer, userCreateBody, userUpdateBody, userWithPassword, usersQuery,
} from '../contract';

export interface ConsoleUsersOptions {
  sessions: SessionService;
  presence: PresenceService;
  events: EventBus;
}

const tags = ['users'];

/**
 * Users and agents (admins): create, edit, disable, reset passwords. Every change is in the audit
 * log, which managers and admins read here too. Ended sessions lose their console sockets.
 */
export const consoleUsersRoutes: FastifyPluginAsyncZod<ConsoleUsersOptions> = async (app, { sessions, events }) => {
  const { requireUser } = sessionGuard(sessions);
  const admin = { onRequest: requireUser(ADMINS) };
  const announce = ({ user, endedSessions }: UserChange) => {
    for (const sessionId of endedSessions) events.emit('session.ended', { sessionId, userId: String(user._id) });
    events.emit('agent.presence', { user });
  };

  app.get(
    '/api/v1/console/users',
    { ...admin, schema: { tags, summary: 'Console users by agent number (admins)', security, querystring: usersQuery, response: { 200: z.object({ items: z.array(consoleUser) }), ...errors(400, 401, 403) } } },
    async (req) => ({ items: (await listUsers(req.query.includeDisabled === 'true')).map(toUserView) }),
  );

  app.post(
    '/api/v1/console/users',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Create an agent, manager or admin (admins); a generated password is answered once',
        security,
        body: userCreateBody,
        response: { 201: userWithPassword, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const generated = req.body.password ? undefined : generatePassword();
      const user = await createUser({ ...req.body, password: req.body.password ?? generated! }, actorOf(req));
      return reply.status(201).send({ user: toUserView(user), ...(generated ? { password: generated } : {}) });
    },
  );

  app.get(
    '/api/v1/console/users/:id',
    { ...admin, schema: { tags, summary: 'One console user (admins)', security, params: idParams, response: { 200: userAnswer, ...errors(400, 401, 403, 404) } } },
    async (req) => ({ user: toUserView(await getUser(req.params.id)) }),
  );

  app.patch(
    '/api/v1/console/users/:id',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Change a user (admins): name, number, e-mail, role, limit, skills, groups, locale; active=false disables',
        security,
        params: idParams,
        body: userUpdateBody,
        response: { 200: userAnswer, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const change = await updateUser(req.params.id, req.body, actorOf(req));
      announce(change);
      return { user: toUserView(change.user) };
    },
  );

  app.post(
    '/api/v1/console/users/:id/password',
    {
      ...admin,
      schema: {
        tags,
        summary: "Reset a user's password (admins): unlocks the account and signs them out everywhere",
        security,
        params: idParams,
        body: passwordResetBody,
        response: { 200: passwordAnswer, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { password, ...change } = await resetPassword(req.params.id, req.body.password, actorOf(req));
      announce(change);
      return password ? { password } : {};
    },
  );

  app.post(
    '/api/v1/console/users/:id/unlock',
    {
      ...admin,
      schema: {
        tags,
        summary: "Lift every sign-in lock on a user's account, from every address (admins)",
        security,
        params: idParams,
        response: { 200: z.object({ unlocked: z.int().describe('the addresses that were locked out') }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = await getUser(req.params.id);
      const unlocked = await sessions.throttle.unlock(user.email);
      await recordAudit(actorOf(req), 'user.unlock', { type: 'User', id: user._id }, { addresses: unlocked });
      return { unlocked };
    },
  );

  app.get(
    '/api/v1/console/audit',
    {
      onRequest: requireUser(MANAGERS),
      schema: { tags, summary: 'The audit log, newest first: of one record, one kind of record, or all (managers)', security, querystring: auditQuery, response: { 200: z.object({ items: z.array(auditEntry) }), ...errors(400, 401, 403) } },
    },
    async (req) => ({
      items: (await auditTrail(req.query)).map((a) => ({
        id: String(a._id),
        at: (a.createdAt ?? new Date()).toISOString(),
        actor: { type: a.actor?.type ?? 'system', ...(a.actor?.id ? { id: String(a.actor.id) } : {}), ...(a.actor?.name ? { name: a.actor.name } : {}) },
        action: a.action,
        entity: { type: a.entity?.type ?? '', id: String(a.entity?.id ?? '') },
        ...(a.changes === undefined ? {} : { changes: a.changes }),
      })),
    }),
  );
};
