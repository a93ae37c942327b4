import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../../errors';
import { CHANNELS, type ChannelId } from '../../core/message';
import { parsePhone } from '../../core/text/phone';
import type { SessionService } from '../../domain/user/session.service';
import type { Actor } from '../../domain/audit/audit.service';
import { Customer } from '../../domain/customer/customer.model';
import { Conversation } from '../../domain/conversation/conversation.model';
import { LEAD_STATUSES } from '../../domain/lead/lead.model';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES } from '../../domain/complaint/complaint.model';
import { createLead, updateLead, type LeadChanges } from '../../domain/lead/lead.service';
import { createOrder, type NewOrder } from '../../domain/order/order.service';
import { createComplaint, updateComplaint, type ComplaintChanges, type NewComplaint } from '../../domain/complaint/complaint.service';
import { currentUser, sessionGuard } from '../session-auth';
import { toRecord } from '../record-view';
import { errors, idParams, objectId, record } from '../schemas';

export interface ConsoleRecordsOptions {
  sessions: SessionService;
}

const tags = ['console'];
const security = [{ session: [] }];
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const phone = { type: 'string', maxLength: 40 } as const;
const channel = { type: 'string', enum: CHANNELS } as const;
const nullableId = { type: ['string', 'null'], pattern: '^[0-9a-fA-F]{24}$' } as const;
const created = { 201: record, ...errors(400, 401, 404) };
const updated = { 200: record, ...errors(400, 401, 404) };
const actorOf = (req: FastifyRequest): Actor => ({ type: 'user', id: currentUser(req)._id, name: currentUser(req).name });

/** A phone typed by an agent (national or international form) in E.164, or 400 naming the field. */
function e164(value: string | undefined, field: string): string | undefined {
  if (!value?.trim()) return undefined;
  const parsed = parsePhone(value);
  if (!parsed) throw new AppError('VALIDATION_FAILED', `${field} is not a valid phone number`, { details: [{ field, message: 'not a valid phone number' }] });
  return parsed.e164;
}

/** The record's customer must exist and the conversation, if named, must be theirs; returns its channel. */
async function checkOwner(customerId: string, conversationId: string | undefined): Promise<ChannelId | undefined> {
  if (!(await Customer.exists({ _id: customerId }))) throw new AppError('CUSTOMER_NOT_FOUND');
  if (!conversationId) return undefined;
  const conversation = await Conversation.findOne({ _id: conversationId, customer: customerId }, { channel: 1 }).lean();
  if (!conversation) throw new AppError('VALIDATION_FAILED', 'conversation is not one of this customer', { details: [{ field: 'conversation', message: 'not a conversation of this customer' }] });
  return conversation.channel;
}

const channelOf = (given: ChannelId | undefined, fromConversation: ChannelId | undefined, field: string): ChannelId => {
  const value = given ?? fromConversation;
  if (!value) throw new AppError('VALIDATION_FAILED', `${field} is required without a conversation`, { details: [{ field, message: 'required' }] });
  return value;
};

/** Recording what the customer asks for from the chat: a lead (咨询), an order, a complaint (投诉). */
export const consoleRecordsRoutes: FastifyPluginAsync<ConsoleRecordsOptions> = async (app, { sessions }) => {
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser());

  app.post<{ Body: { customer: string; conversation?: string; need: string; name?: string; phone?: string; preferredContactTime?: string; sourceChannel?: ChannelId } }>(
    '/api/v1/console/leads',
    {
      schema: {
        tags, summary: 'Record an inquiry as a lead', security, response: created,
        body: {
          type: 'object', additionalProperties: false, required: ['customer', 'need'],
          properties: { customer: objectId, conversation: objectId, need: text(2000), name: { type: 'string', maxLength: 100 }, phone, preferredContactTime: { type: 'string', maxLength: 200 }, sourceChannel: channel },
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const sourceChannel = channelOf(b.sourceChannel, await checkOwner(b.customer, b.conversation), 'sourceChannel');
      const lead = await createLead({ ...b, name: b.name?.trim() || undefined, phone: e164(b.phone, 'phone'), sourceChannel }, actorOf(req));
      return reply.status(201).send(toRecord(lead));
    },
  );

  app.post<{ Body: Omit<NewOrder, 'source'> & { source?: 'agent' } }>(
    '/api/v1/console/orders',
    {
      schema: {
        tags, summary: 'Create an order for the customer (the total is computed from the items)', security, response: created,
        body: {
          type: 'object', additionalProperties: false, required: ['customer', 'items', 'recipient', 'address', 'payment'],
          properties: {
            customer: objectId, conversation: objectId, source: { type: 'string', enum: ['agent'] }, channel,
            items: {
              type: 'array', minItems: 1, maxItems: 50,
              items: {
                type: 'object', additionalProperties: false, required: ['product', 'quantity', 'unitPriceFen'],
                properties: { sku: { type: 'string', maxLength: 50, default: 'MANUAL' }, product: text(200), quantity: { type: 'integer', minimum: 1, maximum: 100000 }, unitPriceFen: { type: 'integer', minimum: 0 } },
              },
            },
            recipient: { type: 'object', additionalProperties: false, required: ['name', 'phone'], properties: { name: text(100), phone, isCustomer: { type: 'boolean', default: true } } },
            address: { type: 'string', minLength: 4, maxLength: 500 },
            payment: { type: 'string', enum: ['cod', 'online'] },
            status: { type: 'string', enum: ['pending', 'confirmed'] },
            updatesVia: { type: 'string', enum: ['wechat', 'sms'] },
          },
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const fromConversation = await checkOwner(b.customer, b.conversation);
      const recipient = { ...b.recipient, phone: e164(b.recipient.phone, 'recipient.phone') ?? '' };
      const order = await createOrder({ ...b, source: 'agent', channel: b.channel ?? fromConversation, recipient, items: b.items.map((i) => ({ ...i, sku: i.sku || 'MANUAL' })) }, actorOf(req));
      return reply.status(201).send(toRecord(order));
    },
  );

  app.post<{ Body: Omit<NewComplaint, 'channel'> & { channel?: ChannelId } }>(
    '/api/v1/console/complaints',
    {
      schema: {
        tags, summary: 'Accept a complaint (general or serious) with its 24-hour feedback deadline', security, response: created,
        body: {
          type: 'object', additionalProperties: false, required: ['customer', 'severity', 'description'],
          properties: {
            customer: objectId, conversation: objectId, channel, severity: { type: 'string', enum: ['general', 'serious'] }, category: { type: 'string', enum: COMPLAINT_CATEGORIES },
            description: text(5000), occurredAt: { type: 'string', maxLength: 200 }, involved: { type: 'string', maxLength: 500 }, contactPhone: phone,
          },
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const ch = channelOf(b.channel, await checkOwner(b.customer, b.conversation), 'channel');
      const complaint = await createComplaint({ ...b, channel: ch, contactPhone: e164(b.contactPhone, 'contactPhone') }, actorOf(req));
      return reply.status(201).send(toRecord(complaint));
    },
  );

  app.patch<{ Params: { id: string }; Body: LeadChanges }>(
    '/api/v1/console/leads/:id',
    {
      schema: {
        tags, summary: 'Follow up on a lead: status, consultant, details, a contact note', security, params: idParams, response: updated,
        body: {
          type: 'object', additionalProperties: false, minProperties: 1,
          properties: {
            status: { type: 'string', enum: LEAD_STATUSES }, consultant: nullableId, need: text(2000), name: { type: 'string', maxLength: 100 }, phone,
            preferredContactTime: { type: 'string', maxLength: 200 }, lostReason: { type: 'string', maxLength: 500 }, note: text(2000),
          },
        },
      },
    },
    async (req) => {
      const phoneChange = req.body.phone === undefined ? {} : { phone: e164(req.body.phone, 'phone') };
      return toRecord(await updateLead(req.params.id, { ...req.body, ...phoneChange }, actorOf(req)));
    },
  );

  app.patch<{ Params: { id: string }; Body: Omit<ComplaintChanges, 'nextContactAt'> & { nextContactAt?: string } }>(
    '/api/v1/console/complaints/:id',
    {
      schema: {
        tags, summary: 'Move a complaint along: status, finding, resolution, feedback given, next contact', security, params: idParams, response: updated,
        body: {
          type: 'object', additionalProperties: false, minProperties: 1,
          properties: {
            status: { type: 'string', enum: COMPLAINT_STATUSES }, justified: { type: 'boolean' }, resolution: { type: 'string', maxLength: 5000 },
            nextContactAt: { type: 'string', format: 'date-time' }, feedbackGiven: { type: 'boolean' }, assignee: nullableId, note: text(2000),
          },
        },
      },
    },
    async (req) => {
      const { nextContactAt, ...rest } = req.body;
      return toRecord(await updateComplaint(req.params.id, { ...rest, ...(nextContactAt ? { nextContactAt: new Date(nextContactAt) } : {}) }, actorOf(req)));
    },
  );
};
