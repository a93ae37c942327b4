import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SessionService } from '../../domain/user/session.service';
import { activeChats, type PresenceService } from '../../domain/user/presence.service';
import { listUsers } from '../../domain/user/user.service';
import { currentUser, sessionGuard, sessionSecurity as security } from '../session-auth';
import { toUserView } from '../user-view';
import { agentSummary, errors, presenceBody, userAnswer, type AgentSummary } from '../contract';

export interface ConsoleAgentsOptions {
  sessions: SessionService;
  presence: PresenceService;
  /** AGENT_MAX_CHATS, for users without a limit of their own. */
  defaultMaxChats: number;
}

const tags = ['console'];

/** Presence (在线 / 离开 / 离线) and the agents with how busy each one is (transfer list, team board). */
export const consoleAgentsRoutes: FastifyPluginAsyncZod<ConsoleAgentsOptions> = async (app, { sessions, presence, defaultMaxChats }) => {
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser());

  app.put(
    '/api/v1/console/me/presence',
    { schema: { tags, summary: 'Set my presence (only online agents receive chats)', security, body: presenceBody, response: { 200: userAnswer, ...errors(400, 401) } } },
    async (req) => ({ user: toUserView(await presence.choose(currentUser(req), req.body.presence)) }),
  );

  app.get(
    '/api/v1/console/agents',
    { schema: { tags, summary: 'Active users with their presence, load and skills', security, response: { 200: z.array(agentSummary), ...errors(401) } } },
    async (): Promise<AgentSummary[]> => {
      const users = await listUsers();
      const load = await activeChats(users.map((u) => u._id));
      return users.map((u) => ({
        id: String(u._id),
        name: u.name,
        agentNumber: u.agentNumber,
        role: u.role,
        presence: u.presence ?? 'offline',
        activeChats: load.get(String(u._id)) ?? 0,
        maxChats: u.maxChats ?? defaultMaxChats,
        skills: [...(u.skills ?? [])],
        groups: [...(u.groups ?? [])],
        ...(u.presenceSeenAt ? { presenceSeenAt: u.presenceSeenAt.toISOString() } : {}),
      }));
    },
  );
};
