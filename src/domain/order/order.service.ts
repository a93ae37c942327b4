import { randomInt } from 'node:crypto';
import type { ChannelId } from '../../core/message';
import { localDay } from '../shared/local-day';
import { Order, type OrderDoc } from './order.model';
import { recordAudit, type Actor } from '../audit/audit.service';
import { createOnce, isDuplicateKey } from '../../db/create-once';

export interface NewOrder {
  customer: string;
  conversation?: string;
  source: 'bot' | 'web' | 'agent' | 'import';
  channel?: ChannelId;
  items: { sku: string; product: string; quantity: number; unitPriceFen: number }[];
  recipient: { name: string; phone: string; isCustomer: boolean };
  address: string;
  payment: 'cod' | 'online';
  status?: 'pending' | 'confirmed';
  updatesVia?: 'wechat' | 'sms';
}

/** An order number customers can read out: O + local date + 4 random digits (retried on a clash). */
function orderNumber(now: Date): string {
  return `O${localDay(now).replace(/-/g, '')}${String(randomInt(0, 10000)).padStart(4, '0')}`;
}

/** Creates an order (once under `options.id`); the total is computed from the items, never taken from the caller. */
export async function createOrder(input: NewOrder, actor: Actor, options: { id?: string } = {}): Promise<OrderDoc> {
  return createOnce(options.id, (id) => Order.findById(id), () => placeOrder(input, actor, options.id));
}

async function placeOrder(input: NewOrder, actor: Actor, id: string | undefined): Promise<OrderDoc> {
  const totalFen = input.items.reduce((s, i) => s + i.quantity * i.unitPriceFen, 0);
  const status = input.status ?? 'confirmed';
  for (let attempt = 0; ; attempt++) {
    try {
      const order = await Order.create({
        ...(id ? { _id: id } : {}),
        ...input,
        number: orderNumber(new Date()),
        totalFen,
        status,
        confirmedAt: status === 'confirmed' ? new Date() : undefined,
        statusHistory: [{ to: status }],
      });
      await recordAudit(actor, 'order.create', { type: 'Order', id: order._id }, { number: order.number, totalFen });
      return order;
    } catch (err) {
      // Another order drew the same number: draw again (a clash on the id is createOnce's to settle).
      if (isDuplicateKey(err) && !(id && (await Order.exists({ _id: id }))) && attempt < 5) continue;
      throw err;
    }
  }
}

/** A customer's orders found by order number or by phone (theirs or the recipient's), newest first. */
export async function findOrders(query: { number?: string; phone?: string; customer?: string }, limit = 5): Promise<OrderDoc[]> {
  if (query.number) return Order.find({ number: String(query.number).toUpperCase() }).limit(1);
  const or: Record<string, string>[] = [];
  if (query.phone) or.push({ 'recipient.phone': String(query.phone) });
  if (query.customer) or.push({ customer: String(query.customer) });
  if (!or.length) return [];
  return Order.find({ $or: or }).sort({ createdAt: -1 }).limit(limit);
}
