import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../../errors';
import type { Locale } from '../../core/message';
import type { SessionService } from '../../domain/user/session.service';
import type { Actor } from '../../domain/audit/audit.service';
import { Conversation } from '../../domain/conversation/conversation.model';
import { Customer } from '../../domain/customer/customer.model';
import {
  addCannedReply, deleteCannedReply, getCannedReply, renderCannedReply, searchCannedReplies, toCannedView, updateCannedReply, type CannedReplyInput,
} from '../../domain/canned-reply/canned-reply.service';
import type { Engine } from '../../conversation/engine';
import { currentUser, MANAGERS, sessionGuard } from '../session-auth';
import { errors, idParams, locale, objectId } from '../schemas';

export interface ConsoleCannedOptions {
  sessions: SessionService;
  engine: Pick<Engine, 'salutation' | 'company'>;
  defaultLocale: Locale;
}

const tags = ['console'];
const security = [{ session: [] }];
const str = { type: 'string' } as const;
const reply = { type: 'object', properties: { id: str, title: str, text: str, tags: { type: 'array', items: str }, locale: str }, required: ['id', 'title', 'text', 'tags'] } as const;
const body = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'text'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
    text: { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S' },
    tags: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 30 } },
    locale,
  },
} as const;
const actorOf = (req: FastifyRequest): Actor => ({ type: 'user', id: currentUser(req)._id, name: currentUser(req).name });

/** 话术: search the canned replies, fill one in for a conversation; managers edit the library. */
export const consoleCannedRoutes: FastifyPluginAsync<ConsoleCannedOptions> = async (app, { sessions, engine, defaultLocale }) => {
  const { requireUser } = sessionGuard(sessions);
  const manager = { onRequest: requireUser(MANAGERS) };
  const anyone = { onRequest: requireUser() };

  app.get<{ Querystring: { q?: string; locale?: Locale } }>(
    '/api/v1/console/canned-replies',
    {
      ...anyone,
      schema: {
        tags,
        summary: 'Search the canned replies by title, tag or text',
        security,
        querystring: { type: 'object', additionalProperties: false, properties: { q: { type: 'string', maxLength: 100 }, locale } },
        response: { 200: { type: 'array', items: reply }, ...errors(400, 401) },
      },
    },
    async (req) => (await searchCannedReplies(req.query.q, req.query.locale)).map(toCannedView),
  );

  app.post<{ Body: CannedReplyInput }>(
    '/api/v1/console/canned-replies',
    { ...manager, schema: { tags, summary: 'Add a canned reply (managers)', security, body, response: { 201: reply, ...errors(400, 401, 403, 409) } } },
    async (req, res) => res.status(201).send(toCannedView(await addCannedReply(req.body, actorOf(req)))),
  );

  app.put<{ Params: { id: string }; Body: CannedReplyInput }>(
    '/api/v1/console/canned-replies/:id',
    { ...manager, schema: { tags, summary: 'Change a canned reply (managers)', security, params: idParams, body, response: { 200: reply, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => toCannedView(await updateCannedReply(req.params.id, req.body, actorOf(req))),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/console/canned-replies/:id',
    { ...manager, schema: { tags, summary: 'Remove a canned reply (managers)', security, params: idParams, response: { 204: { type: 'null' }, ...errors(400, 401, 403, 404) } } },
    async (req, res) => {
      await deleteCannedReply(req.params.id, actorOf(req));
      return res.status(204).send();
    },
  );

  app.post<{ Params: { id: string; replyId: string } }>(
    '/api/v1/console/conversations/:id/canned-replies/:replyId/render',
    {
      ...anyone,
      schema: {
        tags,
        summary: 'A canned reply filled in for this conversation (salutation, customer, agent, company)',
        security,
        params: { type: 'object', additionalProperties: false, required: ['id', 'replyId'], properties: { id: objectId, replyId: objectId } },
        response: { 200: { type: 'object', properties: { text: str }, required: ['text'] }, ...errors(400, 401, 404) },
      },
    },
    async (req) => {
      const conversation = await Conversation.findById(req.params.id, { customer: 1, locale: 1 }).lean();
      if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
      const [template, customer] = await Promise.all([getCannedReply(req.params.replyId), Customer.findById(conversation.customer, { name: 1, gender: 1 }).lean()]);
      const me = currentUser(req);
      const lang = (conversation.locale ?? defaultLocale) as Locale;
      const text = renderCannedReply(template.text, {
        salutation: engine.salutation({ name: customer?.name ?? undefined, gender: customer?.gender ?? undefined }, lang),
        customerName: customer?.name ?? '',
        agentNumber: me.agentNumber,
        agentName: me.name,
        company: engine.company(lang),
      });
      return { text };
    },
  );
};
