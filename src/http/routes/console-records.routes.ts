import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import type { ChannelId } from '../../core/message';
import { parsePhone } from '../../core/text/phone';
import type { SessionService } from '../../domain/user/session.service';
import { createLead, updateLead } from '../../domain/lead/lead.service';
import { createOrder } from '../../domain/order/order.service';
import { createComplaint, updateComplaint } from '../../domain/complaint/complaint.service';
import { recordOwner, toRecord } from '../../conversation/customer-panel.service';
import { actorOf, currentUser, sessionGuard, sessionSecurity as security } from '../session-auth';
import { complaintBody, complaintChangesBody, errors, idParams, leadBody, leadChangesBody, orderBody, record } from '../contract';

export interface ConsoleRecordsOptions {
  sessions: SessionService;
}

const tags = ['console'];
const created = { 201: record, ...errors(400, 401, 403, 404) };
const updated = { 200: record, ...errors(400, 401, 404) };

/** A phone typed by an agent (national or international form) in E.164, or 400 naming the field. */
function e164(value: string | undefined, field: string): string | undefined {
  if (!value?.trim()) return undefined;
  const parsed = parsePhone(value);
  if (!parsed) throw new AppError('VALIDATION_FAILED', `${field} is not a valid phone number`, { details: [{ field, message: 'not a valid phone number' }] });
  return parsed.e164;
}

const channelOf = (given: ChannelId | undefined, fromConversation: ChannelId | undefined, field: string): ChannelId => {
  const value = given ?? fromConversation;
  if (!value) throw new AppError('VALIDATION_FAILED', `${field} is required without a conversation`, { details: [{ field, message: 'required' }] });
  return value;
};

/** Recording what the customer asks for from the chat: a lead (咨询), an order, a complaint (投诉). */
export const consoleRecordsRoutes: FastifyPluginAsyncZod<ConsoleRecordsOptions> = async (app, { sessions }) => {
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser());

  app.post('/api/v1/console/leads', { schema: { tags, summary: 'Record an inquiry as a lead', security, body: leadBody, response: created } }, async (req, reply) => {
    const b = req.body;
    const sourceChannel = channelOf(b.sourceChannel, await recordOwner(b.customer, b.conversation, currentUser(req)), 'sourceChannel');
    const lead = await createLead({ ...b, name: b.name || undefined, phone: e164(b.phone, 'phone'), sourceChannel }, actorOf(req));
    return reply.status(201).send(toRecord(lead));
  });

  app.post(
    '/api/v1/console/orders',
    { schema: { tags, summary: 'Create an order for the customer (the total is computed from the items)', security, body: orderBody, response: created } },
    async (req, reply) => {
      const b = req.body;
      const fromConversation = await recordOwner(b.customer, b.conversation, currentUser(req));
      const recipient = { ...b.recipient, isCustomer: b.recipient.isCustomer ?? true, phone: e164(b.recipient.phone, 'recipient.phone') ?? '' };
      const items = b.items.map((i) => ({ ...i, sku: i.sku || 'MANUAL' }));
      const order = await createOrder({ ...b, source: 'agent', channel: b.channel ?? fromConversation, recipient, items }, actorOf(req));
      return reply.status(201).send(toRecord(order));
    },
  );

  app.post(
    '/api/v1/console/complaints',
    { schema: { tags, summary: 'Accept a complaint (general or serious) with its 24-hour feedback deadline', security, body: complaintBody, response: created } },
    async (req, reply) => {
      const b = req.body;
      const channel = channelOf(b.channel, await recordOwner(b.customer, b.conversation, currentUser(req)), 'channel');
      const complaint = await createComplaint({ ...b, channel, contactPhone: e164(b.contactPhone, 'contactPhone') }, actorOf(req));
      return reply.status(201).send(toRecord(complaint));
    },
  );

  app.patch(
    '/api/v1/console/leads/:id',
    { schema: { tags, summary: 'Follow up on a lead: status, consultant, details, a contact note', security, params: idParams, body: leadChangesBody, response: updated } },
    async (req) => {
      const phoneChange = req.body.phone === undefined ? {} : { phone: e164(req.body.phone, 'phone') };
      return toRecord(await updateLead(req.params.id, { ...req.body, ...phoneChange }, actorOf(req)));
    },
  );

  app.patch(
    '/api/v1/console/complaints/:id',
    {
      schema: { tags, summary: 'Move a complaint along: status, finding, resolution, feedback given, next contact', security, params: idParams, body: complaintChangesBody, response: updated },
    },
    async (req) => {
      const { nextContactAt, ...rest } = req.body;
      return toRecord(await updateComplaint(req.params.id, { ...rest, ...(nextContactAt ? { nextContactAt: new Date(nextContactAt) } : {}) }, actorOf(req)));
    },
  );
};
