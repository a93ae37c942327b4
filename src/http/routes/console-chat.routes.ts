import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SessionService } from '../../domain/user/session.service';
import type { ConversationDoc } from '../../domain/conversation/conversation.model';
import type { AgentChatService } from '../../conversation/agent-chat.service';
import { toListItems } from '../../conversation/conversation-view';
import { toChatMessage } from '../../conversation/message-view';
import { assertMayReadConversation } from '../../conversation/chat-access';
import { currentUser, sessionGuard, sessionSecurity as security } from '../session-auth';
import { consoleMessage, conversationAnswer, errors, idParams, objectId, text } from '../contract';

export interface ConsoleChatOptions {
  sessions: SessionService;
  agentChat: AgentChatService;
}

const tags = ['console'];
const replyBody = z.strictObject({ text: text(4000), internal: z.boolean().default(false) });

/** Acting on a live chat: claim, reply or note, transfer, return to the bot, close. */
export const consoleChatRoutes: FastifyPluginAsyncZod<ConsoleChatOptions> = async (app, { sessions, agentChat }) => {
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser());
  const answer = async (c: ConversationDoc) => ({ conversation: (await toListItems([c]))[0] });
  const acted = { 200: conversationAnswer, ...errors(400, 401, 403, 404, 409) };

  app.post(
    '/api/v1/console/conversations/:id/claim',
    { schema: { tags, summary: 'Take a waiting chat', security, params: idParams, response: { 200: conversationAnswer, ...errors(400, 401, 404, 409) } } },
    async (req) => answer(await agentChat.claim(req.params.id, currentUser(req))),
  );

  app.post(
    '/api/v1/console/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Reply to the customer, or leave an internal note (never sent)',
        description:
          'Only the assigned agent or a manager may reply. A forbidden phrase (服务禁语, matched on words) in a reply is 422 FORBIDDEN_PHRASE with ' +
          'details.matches (phrase, alternative, category, fine): nothing is sent and a warning is recorded (no fine: the customer saw nothing).',
        security,
        params: idParams,
        body: replyBody,
        response: { 201: z.object({ message: consoleMessage }), ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const user = currentUser(req);
      // A note is left only on a chat the user may read (a reply needs the chat itself).
      if (req.body.internal) await assertMayReadConversation(user, req.params.id);
      const message = req.body.internal ? await agentChat.note(req.params.id, user, req.body.text) : await agentChat.reply(req.params.id, user, req.body.text);
      return reply.status(201).send({ message: toChatMessage(message, 'console') });
    },
  );

  app.post(
    '/api/v1/console/conversations/:id/transfer',
    {
      schema: { tags, summary: 'Hand the chat to another agent (who is not offline)', security, params: idParams, body: z.strictObject({ agentId: objectId }), response: acted },
    },
    async (req) => answer(await agentChat.transfer(req.params.id, currentUser(req), req.body.agentId)),
  );

  app.post(
    '/api/v1/console/conversations/:id/return-to-bot',
    { schema: { tags, summary: 'Give the chat back to the bot', security, params: idParams, response: acted } },
    async (req) => answer(await agentChat.returnToBot(req.params.id, currentUser(req))),
  );

  app.post(
    '/api/v1/console/conversations/:id/close',
    {
      schema: {
        tags,
        summary: 'Close the chat; the customer is asked to rate it',
        description: 'The next message of the customer on their channel opens a new conversation.',
        security,
        params: idParams,
        response: acted,
      },
    },
    async (req) => answer(await agentChat.close(req.params.id, currentUser(req))),
  );
};
