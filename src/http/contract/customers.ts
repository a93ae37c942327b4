import { z } from 'zod';
import { isoDate, labels, objectId, text } from './common';
import { listItem } from './conversations';
import { CHANNELS, COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, LEAD_STATUSES } from './enums';
import { fen, MAX_FEN } from './back-office-common';

/** A stored record shown as it is (customer, lead, order, complaint): `id` plus its fields. */
export const record = z.looseObject({ id: z.string() });

export const customerBundle = z.object({
  customer: record,
  identities: z.array(z.object({ channel: z.enum(CHANNELS), externalId: z.string(), displayName: z.string().optional(), firstSeenAt: isoDate.optional() })),
  conversations: z.array(listItem),
  leads: z.array(record),
  orders: z.array(record),
  complaints: z.array(record),
});
export const tagsBody = z.strictObject({ tags: labels(20, 50) });

const phone = z.string().trim().max(40);
const channel = z.enum(CHANNELS);
const nullableId = objectId.nullable();

export const leadBody = z.strictObject({
  customer: objectId,
  conversation: objectId.optional(),
  need: text(2000),
  name: z.string().trim().max(100).optional(),
  phone: phone.optional(),
  preferredContactTime: z.string().trim().max(200).optional(),
  sourceChannel: channel.optional(),
});

export const orderBody = z.strictObject({
  customer: objectId,
  conversation: objectId.optional(),
  source: z.literal('agent').optional(),
  channel: channel.optional(),
  items: z
    .array(z.strictObject({ sku: z.string().trim().max(50).optional(), product: text(200), quantity: z.int().min(1).max(100000), unitPriceFen: fen }))
    .min(1)
    .max(50)
    .refine((items) => items.reduce((sum, i) => sum + i.quantity * i.unitPriceFen, 0) <= MAX_FEN, { message: `the order total must be at most ${MAX_FEN} fen` }),
  recipient: z.strictObject({ name: text(100), phone: phone.min(1), isCustomer: z.boolean().optional() }),
  address: z.string().trim().min(4).max(500),
  payment: z.enum(['cod', 'online']),
  status: z.enum(['pending', 'confirmed']).optional(),
  updatesVia: z.enum(['wechat', 'sms']).optional(),
});

export const complaintBody = z.strictObject({
  customer: objectId,
  conversation: objectId.optional(),
  channel: channel.optional(),
  severity: z.enum(['general', 'serious']),
  category: z.enum(COMPLAINT_CATEGORIES).optional(),
  description: text(5000),
  occurredAt: z.string().trim().max(200).optional(),
  involved: z.string().trim().max(500).optional(),
  contactPhone: phone.optional(),
});

const changes = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape).refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' });

export const leadChangesBody = changes({
  status: z.enum(LEAD_STATUSES).optional(),
  consultant: nullableId.optional(),
  need: text(2000).optional(),
  name: z.string().trim().max(100).optional(),
  phone: phone.optional(),
  preferredContactTime: z.string().trim().max(200).optional(),
  lostReason: z.string().trim().max(500).optional(),
  note: text(2000).optional(),
});

export const complaintChangesBody = changes({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  justified: z.boolean().optional(),
  resolution: z.string().trim().max(5000).optional(),
  nextContactAt: isoDate.optional(),
  feedbackGiven: z.boolean().optional(),
  assignee: nullableId.optional(),
  note: text(2000).optional(),
});
