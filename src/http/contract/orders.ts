import { z } from 'zod';
import { isoDate, objectId, text } from './common';
import { CHANNELS } from './enums';
import { ORDER_STATUSES } from '../../domain/order/order-kinds';
import { fen, historyLine } from './back-office-common';

/** An order as the back office works it: logistics, receivable, what the customer was told. */
export const orderView = z
  .object({
    id: z.string(),
    number: z.string(),
    customer: z.object({ id: z.string(), name: z.string().optional(), phone: z.string().optional() }),
    conversationId: z.string().optional(),
    source: z.string(),
    channel: z.enum(CHANNELS).optional(),
    items: z.array(z.object({ sku: z.string(), product: z.string(), quantity: z.int(), unitPriceFen: z.int() })),
    totalFen: z.int(),
    recipient: z.object({ name: z.string(), phone: z.string(), isCustomer: z.boolean() }),
    address: z.string(),
    payment: z.enum(['cod', 'online']),
    status: z.enum(ORDER_STATUSES),
    courier: z.string().optional(),
    trackingNumber: z.string().optional(),
    updatesVia: z.enum(['wechat', 'sms']).optional(),
    paid: z.object({ at: isoDate, fen: z.int(), note: z.string().optional() }).optional(),
    receivableDueAt: isoDate.optional(),
    overdue: z.boolean(),
    notifications: z.array(z.object({ status: z.string(), via: z.enum(['chat', 'sms', 'none']), channel: z.string().optional(), at: isoDate, ok: z.boolean(), error: z.string().optional() })),
    createdAt: isoDate,
    history: z.array(historyLine),
  })
  .meta({ id: 'BackOfficeOrder' });

export const ordersQuery = z.strictObject({
  view: z.enum(['open', 'unpaid', 'overdue', 'all']).default('open'),
  status: z.enum(ORDER_STATUSES).optional(),
  customer: objectId.optional(),
  q: z.string().trim().max(100).optional().describe('order number, tracking number, phone or product'),
});
export const orderList = z.object({ items: z.array(orderView) });
export const orderStatusBody = z.strictObject({
  to: z.enum(ORDER_STATUSES),
  courier: text(100).optional(),
  trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4–40 letters, digits or -').optional(),
  note: z.string().trim().max(500).optional(),
});
export const orderPaymentBody = z.strictObject({ fen: fen.optional().describe('the amount received; the total when left out'), note: z.string().trim().max(500).optional() });
