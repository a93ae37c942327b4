import { Types } from 'mongoose';
import type { i18n } from 'i18next';
import type { FlowAction } from '../../flows/flow-runtime';
import type { Catalogue } from '../../flows/catalogue';
import { Order, type OrderDoc } from '../../domain/order/order.model';
import { recordAudit, type Actor } from '../../domain/audit/audit.service';
import { parsePhoneFor } from '../../core/text/phone';

const BOT: Actor = { type: 'bot', name: 'bot' };
/** Orders that have not left the warehouse: they can still be cancelled or re-addressed. */
const CHANGEABLE = new Set(['pending', 'confirmed']);
const ORDER_NUMBER = /O\d{8,16}/i;

/**
 * The customer's order a request is about: by the number they gave, by the phone, else their
 * latest. Only an order of this customer (or sent to their phone) is found: a number alone
 * never opens someone else's order.
 */
async function findOwnOrder(query: string, customer: { id: string; phone?: string }, locale: 'zh-CN' | 'zh-TW' | 'en'): Promise<OrderDoc | null> {
  const own = [{ customer: new Types.ObjectId(customer.id) }, ...(customer.phone ? [{ 'recipient.phone': customer.phone }] : [])];
  const number = ORDER_NUMBER.exec(query.normalize('NFKC'))?.[0].toUpperCase();
  if (number) {
    const order = await Order.findOne({ number });
    return order && own.some((o) => ('customer' in o ? String(order.customer) === customer.id : order.recipient?.phone === o['recipient.phone'])) ? order : null;
  }
  const phone = parsePhoneFor(query, locale)?.e164;
  const or = phone ? [...own, { 'recipient.phone': phone }] : own;
  return Order.findOne({ $or: or }).sort({ createdAt: -1 });
}

/** lookupOrder: the order a cancellation, address change or return is about, and whether it can still change. */
export function lookupOrderAction(i18n: i18n, catalogue: Catalogue): FlowAction {
  return async ({ values, customer, locale }) => {
    const order = await findOwnOrder(String(values.query ?? values.orderNumber ?? ''), customer, locale);
    if (!order) return { values: { found: false } };
    const t = i18n.getFixedT(locale);
    const itemsText = order.items.map((i) => t('order:item', { product: catalogue.get(i.sku)?.name[locale] ?? i.product, quantity: i.quantity, unit: catalogue.get(i.sku)?.unit[locale] ?? '' })).join(locale === 'en' ? ', ' : '、');
    return {
      values: { found: true, orderId: String(order._id), orderNumber: order.number, itemsText, address: order.address, status: order.status, statusText: t(`order:status_${order.status}`), changeable: CHANGEABLE.has(order.status) },
    };
  };
}

/** cancelOrder: the confirmed cancellation of an order not shipped yet (状态 → 已取消), audited. */
export const cancelOrderAction: FlowAction = async ({ values }) => {
  const order = await Order.findOneAndUpdate(
    { _id: String(values.orderId), status: { $in: [...CHANGEABLE] } },
    { $set: { status: 'cancelled' }, $push: { statusHistory: { from: values.status, to: 'cancelled', at: new Date(), note: 'cancelled by the customer (bot)' } } },
    { new: true },
  );
  // Shipped in the meantime: an agent takes it from here.
  if (!order) return { handoff: { reason: 'flow', priority: 0 } };
  await recordAudit(BOT, 'order.cancel', { type: 'Order', id: order._id }, { by: 'customer' });
  return { values: { cancelled: true } };
};

/** changeOrderAddress: the new delivery address of an order not shipped yet, audited. */
export const changeOrderAddressAction: FlowAction = async ({ values }) => {
  const address = String(values.newAddress ?? '').trim();
  const order = await Order.findOneAndUpdate({ _id: String(values.orderId), status: { $in: [...CHANGEABLE] } }, { $set: { address } }, { new: true, runValidators: true });
  if (!order) return { handoff: { reason: 'flow', priority: 0 } };
  await recordAudit(BOT, 'order.address', { type: 'Order', id: order._id }, { from: values.address, to: address });
  return { values: { address } };
};
