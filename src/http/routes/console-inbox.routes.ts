import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../errors';
import { Conversation } from '../../domain/conversation/conversation.model';
import { Message } from '../../domain/message/message.model';
import type { SessionService } from '../../domain/user/session.service';
import { QUEUE_ORDER } from '../../conversation/queue';
import { toDetail, toListItems } from '../../conversation/conversation-view';
import { toChatMessage } from '../../conversation/message-view';
import { currentUser, isManager, sessionGuard } from '../session-auth';
import { consoleMessage, conversationDetail, errors, idParams, listItem } from '../schemas';

export interface ConsoleInboxOptions {
  sessions: SessionService;
}

const tags = ['console'];
const security = [{ session: [] }];
const LIMIT = 200;
/** A transcript is shown whole up to this many messages (the latest ones beyond it). */
const TRANSCRIPT_LIMIT = 1000;

/** The inbox views (waiting, mine, all) and one conversation with its whole transcript. */
export const consoleInboxRoutes: FastifyPluginAsync<ConsoleInboxOptions> = async (app, { sessions }) => {
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser());

  app.get<{ Querystring: { view: 'waiting' | 'mine' | 'all' } }>(
    '/api/v1/console/conversations',
    {
      schema: {
        tags,
        summary: 'Inbox: waiting (serious complaints first, then the longest wait), mine, or all (managers)',
        security,
        querystring: { type: 'object', additionalProperties: false, properties: { view: { type: 'string', enum: ['waiting', 'mine', 'all'], default: 'waiting' } } },
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: listItem } }, required: ['items'] }, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const me = currentUser(req);
      const view = req.query.view;
      if (view === 'all' && !isManager(req)) throw new AppError('FORBIDDEN', 'Only managers see all conversations');
      const query =
        view === 'waiting'
          ? Conversation.find({ status: 'waiting' }).sort(QUEUE_ORDER)
          : view === 'mine'
            ? Conversation.find({ status: 'assigned', assignee: me._id }).sort({ lastMessageAt: -1 })
            : Conversation.find({}).sort({ lastMessageAt: -1, _id: -1 });
      return { items: await toListItems(await query.limit(LIMIT).lean()) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/console/conversations/:id',
    {
      schema: {
        tags,
        summary: 'A conversation with its SLA times, rating and whole transcript (internal notes included)',
        security,
        params: idParams,
        response: {
          200: { type: 'object', properties: { conversation: conversationDetail, messages: { type: 'array', items: consoleMessage } }, required: ['conversation', 'messages'] },
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => {
      const conversation = await Conversation.findById(req.params.id).lean();
      if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
      const latest = await Message.find({ conversation: conversation._id }).sort({ _id: -1 }).limit(TRANSCRIPT_LIMIT).lean();
      return { conversation: await toDetail(conversation), messages: latest.reverse().map((m) => toChatMessage(m, 'console')) };
    },
  );
};
