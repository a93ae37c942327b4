import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Locale } from '../../core/message';
import type { SessionService } from '../../domain/user/session.service';
import {
  addCannedReply, deleteCannedReply, getCannedReply, renderCannedReply, searchCannedReplies, toCannedView, updateCannedReply, variablesFor, type Wording,
} from '../../domain/canned-reply/canned-reply.service';
import { assertMayReadConversation } from '../../conversation/chat-access';
import { actorOf, currentUser, MANAGERS, sessionGuard, sessionSecurity as security } from '../session-auth';
import { cannedBody, cannedQuery, cannedReply, errors, filledReply, idParams, noContent, objectId } from '../contract';

export interface ConsoleCannedOptions {
  sessions: SessionService;
  /** The engine: salutation (张先生 / Mr Zhang) and the company's name per locale. */
  engine: Wording;
  defaultLocale: Locale;
}

const tags = ['console'];

/** 话术: search the canned replies, fill them in for a conversation; managers edit the library. */
export const consoleCannedRoutes: FastifyPluginAsyncZod<ConsoleCannedOptions> = async (app, { sessions, engine, defaultLocale }) => {
  const { requireUser } = sessionGuard(sessions);
  const manager = { onRequest: requireUser(MANAGERS) };
  const anyone = { onRequest: requireUser() };

  app.get(
    '/api/v1/console/canned-replies',
    { ...anyone, schema: { tags, summary: 'Search the canned replies by title, tag or text', security, querystring: cannedQuery, response: { 200: z.array(cannedReply), ...errors(400, 401) } } },
    async (req) => (await searchCannedReplies(req.query.q, req.query.locale)).map(toCannedView),
  );

  app.get(
    '/api/v1/console/conversations/:id/canned-replies',
    {
      ...anyone,
      schema: {
        tags,
        summary: 'The canned replies matching q, each filled in for this conversation (salutation, customer, agent, company)',
        security,
        params: idParams,
        querystring: cannedQuery,
        response: { 200: z.array(filledReply), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      await assertMayReadConversation(currentUser(req), req.params.id);
      const vars = await variablesFor(req.params.id, currentUser(req), engine, defaultLocale);
      return (await searchCannedReplies(req.query.q, req.query.locale)).map((r) => ({ ...toCannedView(r), filled: renderCannedReply(r.text, vars) }));
    },
  );

  app.post(
    '/api/v1/console/canned-replies',
    { ...manager, schema: { tags, summary: 'Add a canned reply (managers)', security, body: cannedBody, response: { 201: cannedReply, ...errors(400, 401, 403, 409) } } },
    async (req, res) => res.status(201).send(toCannedView(await addCannedReply(req.body, actorOf(req)))),
  );

  app.put(
    '/api/v1/console/canned-replies/:id',
    { ...manager, schema: { tags, summary: 'Change a canned reply (managers)', security, params: idParams, body: cannedBody, response: { 200: cannedReply, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => toCannedView(await updateCannedReply(req.params.id, req.body, actorOf(req))),
  );

  app.delete(
    '/api/v1/console/canned-replies/:id',
    { ...manager, schema: { tags, summary: 'Remove a canned reply (managers)', security, params: idParams, response: { 204: noContent, ...errors(400, 401, 403, 404) } } },
    async (req, res) => {
      await deleteCannedReply(req.params.id, actorOf(req));
      return res.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/console/conversations/:id/canned-replies/:replyId/render',
    {
      ...anyone,
      schema: {
        tags,
        summary: 'One canned reply filled in for this conversation (salutation, customer, agent, company)',
        security,
        params: z.strictObject({ id: objectId, replyId: objectId }),
        response: { 200: z.object({ text: z.string() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      await assertMayReadConversation(currentUser(req), req.params.id);
      const [template, vars] = await Promise.all([getCannedReply(req.params.replyId), variablesFor(req.params.id, currentUser(req), engine, defaultLocale)]);
      return { text: renderCannedReply(template.text, vars) };
    },
  );
};
