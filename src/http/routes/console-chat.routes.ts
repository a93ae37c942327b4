import type { FastifyPluginAsync } from 'fastify';
import type { SessionService } from '../../domain/user/session.service';
import type { ConversationDoc } from '../../domain/conversation/conversation.model';
import type { AgentChatService } from '../../conversation/agent-chat.service';
import { toListItems } from '../../conversation/conversation-view';
import { toChatMessage } from '../../conversation/message-view';
import { currentUser, sessionGuard } from '../session-auth';
import { consoleMessage, errors, idParams, listItem, objectId } from '../schemas';

export interface ConsoleChatOptions {
  sessions: SessionService;
  agentChat: AgentChatService;
}

const tags = ['console'];
const security = [{ session: [] }];
const conversationBody = { type: 'object', properties: { conversation: listItem }, required: ['conversation'] } as const;

/** Acting on a live chat: claim, reply or note, transfer, return to the bot, close. */
export const consoleChatRoutes: FastifyPluginAsync<ConsoleChatOptions> = async (app, { sessions, agentChat }) => {
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser());
  const answer = async (c: ConversationDoc) => ({ conversation: (await toListItems([c]))[0] });

  app.post<{ Params: { id: string } }>(
    '/api/v1/console/conversations/:id/claim',
    { schema: { tags, summary: 'Take a waiting chat', security, params: idParams, response: { 200: conversationBody, ...errors(400, 401, 404, 409) } } },
    async (req) => answer(await agentChat.claim(req.params.id, currentUser(req))),
  );

  app.post<{ Params: { id: string }; Body: { text: string; internal?: boolean } }>(
    '/api/v1/console/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Reply to the customer, or leave an internal note (never sent)',
        description:
          'Only the assigned agent or a manager may reply. A forbidden phrase (服务禁语) in a reply is 422 FORBIDDEN_PHRASE with ' +
          'details.matches (phrase, alternative, category, fine): nothing is sent and the violation is recorded.',
        security,
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['text'],
          properties: { text: { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S' }, internal: { type: 'boolean', default: false } },
        },
        response: { 201: { type: 'object', properties: { message: consoleMessage }, required: ['message'] }, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const user = currentUser(req);
      const text = req.body.text.trim();
      const message = req.body.internal ? await agentChat.note(req.params.id, user, text) : await agentChat.reply(req.params.id, user, text);
      return reply.status(201).send({ message: toChatMessage(message, 'console') });
    },
  );

  app.post<{ Params: { id: string }; Body: { agentId: string } }>(
    '/api/v1/console/conversations/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Hand the chat to another agent (who is not offline)',
        security,
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['agentId'], properties: { agentId: objectId } },
        response: { 200: conversationBody, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => answer(await agentChat.transfer(req.params.id, currentUser(req), req.body.agentId)),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/console/conversations/:id/return-to-bot',
    { schema: { tags, summary: 'Give the chat back to the bot', security, params: idParams, response: { 200: conversationBody, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => answer(await agentChat.returnToBot(req.params.id, currentUser(req))),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/console/conversations/:id/close',
    {
      schema: {
        tags,
        summary: 'Close the chat; the customer is asked to rate it',
        description: 'The next message of the customer on their channel opens a new conversation.',
        security,
        params: idParams,
        response: { 200: conversationBody, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => answer(await agentChat.close(req.params.id, currentUser(req))),
  );
};
