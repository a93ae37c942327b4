import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SessionService } from '../../domain/user/session.service';
import { customerBundle, setCustomerTags } from '../../conversation/customer-panel.service';
import { actorOf, currentUser, sessionGuard, sessionSecurity as security } from '../session-auth';
import { customerBundle as bundleSchema, errors, idParams, record, tagsBody } from '../contract';

export interface ConsoleCustomersOptions {
  sessions: SessionService;
}

const tags = ['console'];

/** The customer panel: profile, channel identities, earlier conversations, leads, orders, complaints; tags. */
export const consoleCustomersRoutes: FastifyPluginAsyncZod<ConsoleCustomersOptions> = async (app, { sessions }) => {
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser());

  app.get(
    '/api/v1/console/customers/:id',
    {
      schema: {
        tags,
        summary: 'Everything the customer panel shows about a customer',
        description: 'Agents read the customers of the chats they may read (403 otherwise); managers read all.',
        security,
        params: idParams,
        response: { 200: bundleSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => customerBundle(req.params.id, currentUser(req)),
  );

  app.put(
    '/api/v1/console/customers/:id/tags',
    { schema: { tags, summary: "Replace the customer's tags (VIP, 大客户…); the history filters by them", security, params: idParams, body: tagsBody, response: { 200: record, ...errors(400, 401, 403, 404) } } },
    async (req) => setCustomerTags(req.params.id, req.body.tags, actorOf(req), currentUser(req)),
  );
};
