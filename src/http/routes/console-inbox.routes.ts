import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import type { SessionService } from '../../domain/user/session.service';
import { conversationWithTranscript, inboxList, searchHistory } from '../../conversation/inbox.service';
import { currentUser, isManager, sessionGuard, sessionSecurity as security } from '../session-auth';
import { consoleMessage, conversationDetail, errors, historyPage, historyQuery, idParams, inboxQuery, listItem } from '../contract';

export interface ConsoleInboxOptions {
  sessions: SessionService;
}

const tags = ['console'];

/** The inbox views (waiting, mine, all), the searchable history, and one conversation with its whole transcript. */
export const consoleInboxRoutes: FastifyPluginAsyncZod<ConsoleInboxOptions> = async (app, { sessions }) => {
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser());

  app.get(
    '/api/v1/console/conversations',
    {
      schema: {
        tags,
        summary: 'Inbox: waiting (serious complaints first, then the longest wait), mine, or all (managers)',
        security,
        querystring: inboxQuery,
        response: { 200: z.object({ items: z.array(listItem) }), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      if (req.query.view === 'all' && !isManager(req)) throw new AppError('FORBIDDEN', 'Only managers see all conversations');
      return { items: await inboxList(req.query.view, currentUser(req)) };
    },
  );

  app.get(
    '/api/v1/console/history',
    {
      schema: {
        tags,
        summary: 'Search conversations (closed ones too): customer name, phone or message words; channel, status, agent, days, tag',
        description: 'Agents see the chats they served; managers see all. Latest activity first, one page at a time.',
        security,
        querystring: historyQuery,
        response: { 200: historyPage, ...errors(400, 401) },
      },
    },
    async (req) => {
      const me = currentUser(req);
      // An agent's history is their own chats: another agent's customers are not theirs to browse.
      const agentId = isManager(req) ? req.query.agentId : String(me._id);
      return searchHistory({ ...req.query, agentId });
    },
  );

  app.get(
    '/api/v1/console/conversations/:id',
    {
      schema: {
        tags,
        summary: 'A conversation with its SLA times, rating and whole transcript (internal notes included)',
        description: 'Agents read the chats assigned to them, waiting in the queue, or that they took part in (403 otherwise); managers read all.',
        security,
        params: idParams,
        response: { 200: z.object({ conversation: conversationDetail, messages: z.array(consoleMessage) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => conversationWithTranscript(req.params.id, currentUser(req)),
  );
};
