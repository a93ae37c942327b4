import type { FastifyPluginAsync } from 'fastify';
import { User } from '../../domain/user/user.model';
import { activeChats } from '../../domain/user/presence.service';
import { recordAudit } from '../../domain/audit/audit.service';
import type { SessionService } from '../../domain/user/session.service';
import type { EventBus } from '../../conversation/events';
import { currentUser, sessionGuard } from '../session-auth';
import { toUserView } from '../user-view';
import { consoleUser, errors } from '../schemas';

export interface ConsoleAgentsOptions {
  sessions: SessionService;
  events: EventBus;
  /** AGENT_MAX_CHATS, for users without a limit of their own. */
  defaultMaxChats: number;
}

const tags = ['console'];
const security = [{ session: [] }];

/** Presence (在线 / 离开 / 离线) and the agents list with how busy each one is. */
export const consoleAgentsRoutes: FastifyPluginAsync<ConsoleAgentsOptions> = async (app, { sessions, events, defaultMaxChats }) => {
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser());

  app.put<{ Body: { presence: 'online' | 'away' | 'offline' } }>(
    '/api/v1/console/me/presence',
    {
      schema: {
        tags,
        summary: 'Set my presence (only online agents receive chats)',
        security,
        body: { type: 'object', additionalProperties: false, required: ['presence'], properties: { presence: { type: 'string', enum: ['online', 'away', 'offline'] } } },
        response: { 200: { type: 'object', properties: { user: consoleUser }, required: ['user'] }, ...errors(400, 401) },
      },
    },
    async (req) => {
      const me = currentUser(req);
      // updateOne, then read: FerretDB 1.x has no projection (passwordHash is unselected) in findAndModify.
      await User.updateOne({ _id: me._id }, { $set: { presence: req.body.presence } });
      const user = await User.findById(me._id);
      if (!user) throw new Error('the signed-in user disappeared');
      if (me.presence !== user.presence) {
        await recordAudit({ type: 'user', id: user._id, name: user.name }, 'user.presence', { type: 'User', id: user._id }, { from: me.presence, to: user.presence });
        events.emit('agent.presence', { user });
      }
      return { user: toUserView(user) };
    },
  );

  app.get(
    '/api/v1/console/agents',
    {
      schema: {
        tags,
        summary: 'Agents with their presence and how many chats they serve',
        security,
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                name: { type: 'string' },
                agentNumber: { type: 'string' },
                role: { type: 'string' },
                presence: { type: 'string' },
                activeChats: { type: 'integer' },
                maxChats: { type: 'integer' },
              },
              required: ['id', 'name', 'agentNumber', 'presence', 'activeChats', 'maxChats'],
            },
          },
          ...errors(401),
        },
      },
    },
    async () => {
      const users = await User.find({ active: true }).sort({ agentNumber: 1 });
      const load = await activeChats(users.map((u) => u._id));
      return users.map((u) => ({
        id: String(u._id), name: u.name, agentNumber: u.agentNumber, role: u.role, presence: u.presence ?? 'offline',
        activeChats: load.get(String(u._id)) ?? 0, maxChats: u.maxChats ?? defaultMaxChats,
      }));
    },
  );
};
