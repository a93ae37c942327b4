import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../errors';
import type { SessionService } from '../../domain/user/session.service';
import { Customer } from '../../domain/customer/customer.model';
import { CustomerIdentity } from '../../domain/customer/customer-identity.model';
import { Conversation } from '../../domain/conversation/conversation.model';
import { Lead } from '../../domain/lead/lead.model';
import { Order } from '../../domain/order/order.model';
import { Complaint } from '../../domain/complaint/complaint.model';
import { toListItems } from '../../conversation/conversation-view';
import { sessionGuard } from '../session-auth';
import { toRecord } from '../record-view';
import { errors, idParams, listItem, record } from '../schemas';

export interface ConsoleCustomersOptions {
  sessions: SessionService;
}

const LIMIT = 50;
const str = { type: 'string' } as const;
const records = { type: 'array', items: record } as const;

/** The customer panel: profile, channel identities, earlier conversations, leads, orders, complaints. */
export const consoleCustomersRoutes: FastifyPluginAsync<ConsoleCustomersOptions> = async (app, { sessions }) => {
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser());

  app.get<{ Params: { id: string } }>(
    '/api/v1/console/customers/:id',
    {
      schema: {
        tags: ['console'],
        summary: 'Everything the customer panel shows about a customer',
        security: [{ session: [] }],
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: {
              customer: record,
              identities: { type: 'array', items: { type: 'object', properties: { channel: str, externalId: str, displayName: str, firstSeenAt: { type: 'string', format: 'date-time' } } } },
              conversations: { type: 'array', items: { type: 'object', properties: { ...listItem.properties, createdAt: { type: 'string', format: 'date-time' } } } },
              leads: records,
              orders: records,
              complaints: records,
            },
            required: ['customer', 'identities', 'conversations', 'leads', 'orders', 'complaints'],
          },
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => {
      const customer = await Customer.findById(req.params.id);
      if (!customer) throw new AppError('CUSTOMER_NOT_FOUND');
      const newest = { createdAt: -1 } as const;
      const [identities, conversations, leads, orders, complaints] = await Promise.all([
        CustomerIdentity.find({ customer: customer._id }).lean(),
        Conversation.find({ customer: customer._id }).sort(newest).limit(LIMIT).lean(),
        Lead.find({ customer: customer._id }).sort(newest).limit(LIMIT),
        Order.find({ customer: customer._id }).sort(newest).limit(LIMIT),
        Complaint.find({ customer: customer._id }).sort(newest).limit(LIMIT),
      ]);
      const shown = new Map((customer.identities ?? []).map((i) => [`${i.channel}:${i.externalId}`, i]));
      const items = await toListItems(conversations);
      return {
        customer: toRecord(customer),
        identities: identities.map((i) => {
          const known = shown.get(`${i.channel}:${i.externalId}`);
          return { channel: i.channel, externalId: i.externalId, ...(known?.displayName ? { displayName: known.displayName } : {}), firstSeenAt: (known?.firstSeenAt ?? i.createdAt)?.toISOString() };
        }),
        conversations: items.map((item, n) => ({ ...item, createdAt: conversations[n].createdAt?.toISOString() })),
        leads: leads.map(toRecord),
        orders: orders.map(toRecord),
        complaints: complaints.map(toRecord),
      };
    },
  );
};
