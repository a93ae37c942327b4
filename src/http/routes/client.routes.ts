import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import { parsePhone } from '../../core/text/phone';
import type { ConversationService } from '../../conversation/conversation.service';
import type { AgentChatService } from '../../conversation/agent-chat.service';
import { customerState } from '../../conversation/conversation-view';
import { firstMessages, issueVisitorToken, repliesTo, visibleAfter } from '../../conversation/visitor-chat.service';
import { requireVisitor, visitorConversation } from '../session-auth';
import { clientAddress, limitHook, type Rate } from '../rate-limits';
import {
  clientMessageBody, customerMessage, customerState as stateSchema, errors, idParams, noContent, openConversationBody, rating, ratingBody, transcriptQuery,
} from '../contract';

export interface ClientRoutesOptions {
  conversations: ConversationService;
  agentChat: AgentChatService;
  /** RATE_LIMIT_CONVERSATIONS_PER_IP and RATE_LIMIT_MESSAGES_PER_IP (undefined: off); the widget socket's messages count too. */
  limits?: { conversationsPerIp?: Rate; messagesPerIp?: Rate };
}

const bearer = [{ bearer: [] }];
const tags = ['client'];
const messages = z.array(customerMessage);

/**
 * The public client API (channel `web`): the website widget and custom clients open a
 * conversation, send messages, read the transcript and rate the chat. Callable from any origin:
 * it is authorised by the visitor token, never by cookies.
 */
export const clientRoutes: FastifyPluginAsyncZod<ClientRoutesOptions> = async (app, { conversations, agentChat, limits }) => {
  const opening = limitHook(app, 'conversations-ip', limits?.conversationsPerIp, clientAddress, (s) => `Too many new conversations from this address; try again in ${s} seconds`);
  const sending = limitHook(app, 'messages-ip', limits?.messagesPerIp, clientAddress, (s) => `Too many messages from this address; try again in ${s} seconds`);
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('access-control-allow-origin', '*').header('access-control-expose-headers', 'content-type');
  });
  app.options('/api/v1/client/*', { schema: { hide: true, response: { 204: noContent } } }, async (_req, reply) =>
    reply.header('access-control-allow-methods', 'GET, POST').header('access-control-allow-headers', 'authorization, content-type').header('access-control-max-age', '600').status(204).send(null),
  );

  app.post(
    '/api/v1/client/conversations',
    {
      onRequest: opening,
      schema: {
        tags,
        summary: 'Start a conversation (returns its token and the greeting)',
        body: openConversationBody,
        response: { 201: z.object({ conversationId: z.string(), token: z.string(), messages }), ...errors(400, 429) },
      },
    },
    async (req, reply) => {
      const name = req.body.name || undefined;
      const phoneText = req.body.phone;
      const phone = phoneText ? parsePhone(phoneText, req.body.locale === 'zh-TW' ? 'TW' : 'CN') : undefined;
      if (phoneText && !phone) throw new AppError('VALIDATION_FAILED', 'phone is not a valid phone number', { details: [{ field: 'phone', message: 'not a valid phone number' }] });
      const visitor = `v_${randomBytes(16).toString('base64url')}`;
      const opened = await conversations.open(
        { channel: 'web', externalUserId: visitor, conversationKey: visitor, displayName: name, localeHint: req.body.locale },
        { name, phone: phone?.e164 },
      );
      const token = await issueVisitorToken(opened.conversationId);
      return reply.status(201).send({ conversationId: opened.conversationId, token, messages: await firstMessages(opened.conversationId) });
    },
  );

  app.post(
    '/api/v1/client/conversations/:id/messages',
    {
      onRequest: [sending, requireVisitor],
      schema: {
        tags,
        summary: 'Send a message; returns the bot’s replies (none while an agent has the chat)',
        description: 'Idempotent on clientMessageId: a retry stores nothing and returns the same replies. A text over 8,000 characters is refused (400), never cut.',
        security: bearer,
        params: idParams,
        body: clientMessageBody,
        response: { 200: z.object({ messages }), ...errors(400, 401, 404, 409, 429) },
      },
    },
    async (req) => {
      const conversation = visitorConversation(req);
      if (conversation.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
      const { text, choice, clientMessageId } = req.body;
      const result = await conversations.receive(
        {
          channel: 'web',
          externalUserId: conversation.externalUserId,
          conversationKey: conversation.conversationKey,
          // Scoped by conversation: one visitor's ids can never match another's messages.
          channelMessageId: `${req.params.id}:${clientMessageId ?? randomUUID()}`,
          text: text?.trim() ? text : undefined,
          choice,
        },
        { inlineReplies: true },
      );
      await result.replies;
      return { messages: await repliesTo(result.messageId) };
    },
  );

  app.get(
    '/api/v1/client/conversations/:id/messages',
    {
      onRequest: requireVisitor,
      schema: {
        tags,
        summary: 'The transcript after a cursor (oldest first, at most 200) and the conversation state',
        security: bearer,
        params: idParams,
        querystring: transcriptQuery,
        response: { 200: z.object({ messages, cursor: z.string().optional(), conversation: stateSchema }), ...errors(400, 401, 404) },
      },
    },
    async (req) => {
      const conversation = visitorConversation(req);
      return { ...(await visibleAfter(conversation._id, req.query.after)), conversation: await customerState(conversation) };
    },
  );

  app.post(
    '/api/v1/client/conversations/:id/rating',
    {
      onRequest: requireVisitor,
      schema: {
        tags,
        summary: 'Rate the chat once an agent closed it: overall 1–5 (required); attitude, speed, resolution 1–5 and a comment optional',
        security: bearer,
        params: idParams,
        body: ratingBody,
        response: { 200: z.object({ rating: rating.omit({ at: true }) }), ...errors(400, 401, 404, 409) },
      },
    },
    async (req) => {
      const { comment, ...scores } = req.body;
      const rated = await agentChat.rate(req.params.id, { ...scores, ...(comment ? { comment } : {}) });
      const r = rated.rating!;
      return {
        rating: {
          overall: r.overall ?? scores.overall,
          ...(r.attitude ? { attitude: r.attitude } : {}),
          ...(r.speed ? { speed: r.speed } : {}),
          ...(r.resolution ? { resolution: r.resolution } : {}),
          ...(r.comment ? { comment: r.comment } : {}),
        },
      };
    },
  );
};
