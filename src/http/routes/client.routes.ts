import { randomBytes, randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../errors';
import type { Locale } from '../../core/message';
import { parsePhone } from '../../core/text/phone';
import { Conversation } from '../../domain/conversation/conversation.model';
import { Message } from '../../domain/message/message.model';
import type { ConversationService } from '../../conversation/conversation.service';
import type { AgentChatService } from '../../conversation/agent-chat.service';
import { toChatMessage } from '../../conversation/message-view';
import { customerState } from '../../conversation/conversation-view';
import { newVisitorToken } from '../../conversation/visitor-token';
import { requireVisitor, visitorConversation } from '../session-auth';
import { customerMessage, customerState as stateSchema, errors, idParams, locale } from '../schemas';

export interface ClientRoutesOptions {
  conversations: ConversationService;
  agentChat: AgentChatService;
}

const PAGE = 200;
const bearer = [{ bearer: [] }];
const tags = ['client'];
const messages = { type: 'array', items: customerMessage } as const;
const visible = { internal: { $ne: true } };

/**
 * The public client API (channel `web`): the website widget and custom clients open a
 * conversation, send messages, read the transcript and rate the chat. Callable from any origin:
 * it is authorised by the visitor token, never by cookies.
 */
export const clientRoutes: FastifyPluginAsync<ClientRoutesOptions> = async (app, { conversations, agentChat }) => {
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('access-control-allow-origin', '*').header('access-control-expose-headers', 'content-type');
  });
  app.options('/api/v1/client/*', { schema: { hide: true } }, async (_req, reply) =>
    reply.header('access-control-allow-methods', 'GET, POST').header('access-control-allow-headers', 'authorization, content-type').header('access-control-max-age', '600').status(204).send(),
  );

  app.post<{ Body: { locale?: Locale; name?: string; phone?: string } }>(
    '/api/v1/client/conversations',
    {
      schema: {
        tags,
        summary: 'Start a conversation (returns its token and the greeting)',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { locale, name: { type: 'string', maxLength: 100 }, phone: { type: 'string', maxLength: 40 } },
        },
        response: {
          201: { type: 'object', properties: { conversationId: { type: 'string' }, token: { type: 'string' }, messages }, required: ['conversationId', 'token', 'messages'] },
          ...errors(400),
        },
      },
    },
    async (req, reply) => {
      const name = req.body.name?.trim() || undefined;
      const phoneText = req.body.phone?.trim();
      const phone = phoneText ? parsePhone(phoneText, req.body.locale === 'zh-TW' ? 'TW' : 'CN') : undefined;
      if (phoneText && !phone) throw new AppError('VALIDATION_FAILED', 'phone is not a valid phone number', { details: [{ field: 'phone', message: 'not a valid phone number' }] });
      const visitor = `v_${randomBytes(16).toString('base64url')}`;
      const opened = await conversations.open(
        { channel: 'web', externalUserId: visitor, conversationKey: visitor, displayName: name, localeHint: req.body.locale },
        { name, phone: phone?.e164 },
      );
      const { token, hash } = newVisitorToken();
      await conversations.withConversation(opened.conversationId, () => Conversation.updateOne({ _id: opened.conversationId }, { $set: { tokenHash: hash } }));
      const greeting = await Message.find({ conversation: opened.conversationId, ...visible }).sort({ _id: 1 }).limit(PAGE);
      return reply.status(201).send({ conversationId: opened.conversationId, token, messages: greeting.map((m) => toChatMessage(m, 'customer')) });
    },
  );

  app.post<{ Params: { id: string }; Body: { text?: string; choice?: string; clientMessageId?: string } }>(
    '/api/v1/client/conversations/:id/messages',
    {
      onRequest: requireVisitor,
      schema: {
        tags,
        summary: 'Send a message; returns the bot’s replies (none while an agent has the chat)',
        description: 'Idempotent on clientMessageId: a retry stores nothing and returns the same replies.',
        security: bearer,
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            text: { type: 'string', minLength: 1, maxLength: 4000 },
            choice: { type: 'string', minLength: 1, maxLength: 200 },
            clientMessageId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
          },
          anyOf: [{ required: ['text'] }, { required: ['choice'] }],
        },
        response: { 200: { type: 'object', properties: { messages }, required: ['messages'] }, ...errors(400, 401, 404, 409) },
      },
    },
    async (req) => {
      const conversation = visitorConversation(req);
      if (conversation.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
      const { text, choice, clientMessageId } = req.body;
      if (!choice && !text?.trim()) throw new AppError('VALIDATION_FAILED', 'text is empty', { details: [{ field: 'text', message: 'must not be blank' }] });
      const result = await conversations.receive(
        {
          channel: 'web',
          externalUserId: conversation.externalUserId,
          conversationKey: conversation.conversationKey,
          // Scoped by conversation: one visitor's ids can never match another's messages.
          channelMessageId: `${req.params.id}:${clientMessageId ?? randomUUID()}`,
          text,
          choice,
        },
        { inlineReplies: true },
      );
      await result.replies;
      const replies = result.messageId ? await Message.find({ replyTo: result.messageId, ...visible }).sort({ _id: 1 }) : [];
      return { messages: replies.map((m) => toChatMessage(m, 'customer')) };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { after?: string } }>(
    '/api/v1/client/conversations/:id/messages',
    {
      onRequest: requireVisitor,
      schema: {
        tags,
        summary: 'The transcript after a cursor (oldest first, at most 200) and the conversation state',
        security: bearer,
        params: idParams,
        querystring: { type: 'object', additionalProperties: false, properties: { after: { type: 'string', pattern: '^[0-9a-fA-F]{24}$' } } },
        response: {
          200: { type: 'object', properties: { messages, cursor: { type: 'string' }, conversation: stateSchema }, required: ['messages', 'conversation'] },
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => {
      const conversation = visitorConversation(req);
      const after = req.query.after;
      const filter = { conversation: conversation._id, ...visible, ...(after ? { _id: { $gt: new Types.ObjectId(after) } } : {}) };
      const page = await Message.find(filter).sort({ _id: 1 }).limit(PAGE);
      const cursor = page.length ? String(page[page.length - 1]._id) : after;
      return { messages: page.map((m) => toChatMessage(m, 'customer')), ...(cursor ? { cursor } : {}), conversation: await customerState(conversation) };
    },
  );

  app.post<{ Params: { id: string }; Body: { attitude: number; speed: number; resolution: number; comment?: string } }>(
    '/api/v1/client/conversations/:id/rating',
    {
      onRequest: requireVisitor,
      schema: {
        tags,
        summary: 'Rate the chat once an agent closed it (attitude, speed, resolution: 1–5)',
        security: bearer,
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['attitude', 'speed', 'resolution'],
          properties: {
            attitude: { type: 'integer', minimum: 1, maximum: 5 },
            speed: { type: 'integer', minimum: 1, maximum: 5 },
            resolution: { type: 'integer', minimum: 1, maximum: 5 },
            comment: { type: 'string', maxLength: 2000 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { rating: { type: 'object', properties: { attitude: { type: 'integer' }, speed: { type: 'integer' }, resolution: { type: 'integer' }, comment: { type: 'string' } } } },
            required: ['rating'],
          },
          ...errors(400, 401, 404, 409),
        },
      },
    },
    async (req) => {
      const comment = req.body.comment?.trim() || undefined;
      const rated = await agentChat.rate(req.params.id, { ...req.body, comment });
      const r = rated.rating!;
      return { rating: { attitude: r.attitude!, speed: r.speed!, resolution: r.resolution!, ...(r.comment ? { comment: r.comment } : {}) } };
    },
  );
};
