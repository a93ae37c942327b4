import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import type { UserDoc } from '../domain/user/user.model';
import { MANAGER_ROLES, type Role } from '../domain/user/user-kinds';
import type { SessionService, SignedIn } from '../domain/user/session.service';
import type { ConversationDoc } from '../domain/conversation/conversation.model';
import type { Actor } from '../domain/audit/audit.service';
import { conversationForToken } from '../conversation/visitor-token';

/** The console's session cookie (httpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'kefu_session';

/** Who signed in, per request; a WeakMap rather than a request decorator shared by every plugin. */
const signedIn = new WeakMap<FastifyRequest, SignedIn>();
const visitors = new WeakMap<FastifyRequest, ConversationDoc>();

/** The manager roles: they may do all an agent can, on any chat. */
export const MANAGERS: readonly Role[] = MANAGER_ROLES;
export const ADMINS: readonly Role[] = ['admin'];
/** OpenAPI security of the console routes. */
export const sessionSecurity = [{ session: [] }];

/**
 * `requireUser(roles?)`: a hook that lets a request through only with a valid session cookie
 * (401) and, when roles are given, one of them (403). Used as `onRequest`, so it runs before
 * the body is read or validated.
 */
export function sessionGuard(sessions: SessionService) {
  return {
    requireUser(roles?: readonly Role[]) {
      return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
        const current = await sessions.resolve(req.cookies[SESSION_COOKIE]);
        if (!current) throw new AppError('UNAUTHENTICATED');
        if (roles && !roles.includes(current.user.role)) throw new AppError('FORBIDDEN');
        signedIn.set(req, current);
      };
    },
  };
}

/** The signed-in user and session of a request that passed requireUser. */
export function currentSession(req: FastifyRequest): SignedIn {
  const current = signedIn.get(req);
  if (!current) throw new AppError('UNAUTHENTICATED');
  return current;
}

/** The signed-in user of a request that passed requireUser. */
export function currentUser(req: FastifyRequest): UserDoc {
  return currentSession(req).user;
}

/** The signed-in user as the author of a change (audit log). */
export function actorOf(req: FastifyRequest): Actor & { name: string } {
  const user = currentUser(req);
  return { type: 'user', id: user._id, name: user.name };
}

/** Whether the signed-in user is a manager or admin. */
export function isManager(req: FastifyRequest): boolean {
  return MANAGERS.includes(currentUser(req).role);
}

/** A hook that admits a request only with the conversation's visitor token (`Authorization: Bearer`). */
export async function requireVisitor(req: FastifyRequest): Promise<void> {
  const header = req.headers.authorization;
  const token = typeof header === 'string' && /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '').trim() : undefined;
  visitors.set(req, await conversationForToken((req.params as { id?: string }).id ?? '', token));
}

/** The conversation a request's visitor token opened (after requireVisitor). */
export function visitorConversation(req: FastifyRequest): ConversationDoc {
  const conversation = visitors.get(req);
  if (!conversation) throw new AppError('UNAUTHENTICATED');
  return conversation;
}
