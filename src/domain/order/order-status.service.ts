import { Types, type FilterQuery } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit, type Actor } from '../audit/audit.service';
import { followUpDelivery, followUpRepeatPurchase } from '../follow-up/follow-up-rules';
import { literalPattern, looksLikePhone } from '../shared/text-search';
import { Order, type OrderDoc, type OrderFields } from './order.model';
import { ORDER_MOVES, type OrderStatus } from './order-kinds';

let receivableDays = 7;
/** Days after delivery an unpaid order becomes overdue (RECEIVABLE_DAYS). */
export function setReceivableDays(days: number): void {
  receivableDays = days;
}

export interface StatusInput {
  to: OrderStatus;
  courier?: string;
  trackingNumber?: string;
  note?: string;
}

const AT: Partial<Record<OrderStatus, string>> = { confirmed: 'confirmedAt', shipped: 'shippedAt', delivered: 'deliveredAt', completed: 'completedAt', cancelled: 'cancelledAt' };

/**
 * 物流跟踪 (001): moves an order along confirmed → shipped (courier and tracking number required)
 * → delivered → completed, or cancels one not shipped; one compare-and-set on the status read, so
 * two agents cannot both move it. Delivery starts the receivable's clock (unpaid) and schedules
 * the after-sales visit; completion the repeat-purchase visit.
 */
export async function changeOrderStatus(id: string, input: StatusInput, actor: Actor, now = new Date()): Promise<OrderDoc> {
  const order = await getOrder(id);
  const from = order.status as OrderStatus;
  if (!ORDER_MOVES[from].includes(input.to)) throw new AppError('STEP_NOT_ALLOWED', `An order that is ${from} cannot become ${input.to}`, { details: [{ field: 'to', message: `not allowed from ${from}` }] });
  const set: Record<string, unknown> = { status: input.to, [AT[input.to]!]: now };
  if (input.to === 'shipped') {
    for (const field of ['courier', 'trackingNumber'] as const) {
      if (!input[field]?.trim()) throw new AppError('VALIDATION_FAILED', `${field} is required to ship an order`, { details: [{ field, message: 'required' }] });
      set[field] = input[field]!.trim();
    }
  }
  if (input.to === 'delivered' && !order.paid?.at) set.receivableDueAt = new Date(now.getTime() + receivableDays * 24 * 3600_000);
  const saved = await Order.findOneAndUpdate(
    { _id: order._id, status: from },
    { $set: set, $push: { statusHistory: { from, to: input.to, at: now, by: actor.id, note: input.note ?? (input.to === 'shipped' ? `${set.courier} ${set.trackingNumber}` : undefined) } } },
    { new: true, runValidators: true },
  );
  if (!saved) throw new AppError('CONFLICT', 'The order was changed meanwhile; reload');
  await recordAudit(actor, 'order.status', { type: 'Order', id: saved._id }, { from, to: input.to, courier: set.courier, trackingNumber: set.trackingNumber });
  if (input.to === 'delivered') await followUpDelivery(saved, now);
  if (input.to === 'completed') await followUpRepeatPurchase(saved, now);
  return saved;
}

/** 应收账款核对: the money came in (cash on delivery collected, or paid online). */
export async function markOrderPaid(id: string, input: { fen?: number; note?: string }, actor: Actor, now = new Date()): Promise<OrderDoc> {
  const order = await getOrder(id);
  if (order.status === 'cancelled') throw new AppError('STEP_NOT_ALLOWED', 'A cancelled order has nothing to collect');
  if (order.paid?.at) throw new AppError('STEP_NOT_ALLOWED', 'The order is already paid');
  const saved = await Order.findOneAndUpdate({ _id: order._id, 'paid.at': null }, { $set: { paid: { at: now, fen: input.fen ?? order.totalFen, note: input.note, by: actor.id } }, $unset: { receivableDueAt: 1 } }, { new: true, runValidators: true });
  if (!saved) throw new AppError('CONFLICT');
  await recordAudit(actor, 'order.paid', { type: 'Order', id: saved._id }, { fen: input.fen ?? order.totalFen });
  return saved;
}

export async function getOrder(id: string | Types.ObjectId): Promise<OrderDoc> {
  const order = await Order.findById(id);
  if (!order) throw new AppError('NOT_FOUND', 'Order not found');
  return order;
}

export type OrderView = 'open' | 'unpaid' | 'overdue' | 'all';

/**
 * Orders: `open` not yet completed or cancelled; `unpaid` delivered or completed and not paid;
 * `overdue` unpaid past the receivable date (逾期应收). `q`: an order number, a phone, a tracking number.
 */
export async function listOrders(f: { view?: OrderView; status?: OrderStatus; customer?: string; q?: string; limit?: number }, now = new Date()): Promise<OrderDoc[]> {
  const and: FilterQuery<OrderFields>[] = [];
  const view = f.view ?? 'all';
  if (view === 'open') and.push({ status: { $in: ['pending', 'confirmed', 'shipped', 'delivered'] } });
  if (view === 'unpaid' || view === 'overdue') and.push({ status: { $in: ['delivered', 'completed'] } }, { 'paid.at': null });
  if (view === 'overdue') and.push({ receivableDueAt: { $lt: now } });
  if (f.status) and.push({ status: f.status });
  if (f.customer) and.push({ customer: new Types.ObjectId(f.customer) });
  const q = f.q?.trim();
  if (q) and.push({ $or: [{ number: q.toUpperCase() }, { trackingNumber: q }, ...(looksLikePhone(q) ? [{ 'recipient.phone': { $regex: q.replace(/[^\d+]/g, '') } }] : []), { 'items.product': literalPattern(q) }] });
  return Order.find(and.length ? { $and: and } : {}).sort(view === 'overdue' ? { receivableDueAt: 1 } : { createdAt: -1 }).limit(f.limit ?? 300);
}
