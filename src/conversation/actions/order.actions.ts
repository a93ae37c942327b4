import type { i18n } from 'i18next';
import type { ChannelId, Locale } from '../../core/message';
import type { FlowAction } from '../../flows/flow-runtime';
import type { Catalogue } from '../../flows/catalogue';
import { createOrder, findOrders } from '../../domain/order/order.service';
import { Order, type OrderDoc } from '../../domain/order/order.model';
import { learnAboutCustomer } from '../../domain/customer/customer.service';
import { recordAudit, type Actor } from '../../domain/audit/audit.service';
import { parsePhone, parsePhoneFor } from '../../core/text/phone';
import { learnGender } from './customer-facts';
import { yuan } from './format';

const BOT: Actor = { type: 'bot', name: 'bot' };

/** A stored phone (+8613812345678) as the customer would write it: "138 1234 5678". */
function phoneText(e164: unknown): string {
  if (typeof e164 !== 'string') return '';
  return parsePhone(e164)?.national ?? e164;
}

/** prepareOrder: price the chosen product × quantity and settle the recipient (本人 or another). */
export function prepareOrderAction(i18n: i18n, catalogue: Catalogue): FlowAction {
  return async ({ values, customer, locale }) => {
    const product = catalogue.get(String(values.sku));
    if (!product) throw new Error(`unknown product ${String(values.sku)}`);
    const quantity = Number(values.quantity);
    // "两箱" of a product sold by the bottle: 12 bottles, read back as "2箱（共12瓶）".
    const { units, pack } = catalogue.count(product, quantity, typeof values.quantityUnit === 'string' ? values.quantityUnit : undefined);
    const self = values.recipientSelf !== false;
    const recipientPhone = self ? (values.phone ?? customer.phone) : values.recipientPhone;
    return {
      values: {
        productName: product.name[locale],
        unit: product.unit[locale],
        units,
        quantityText: pack
          ? i18n.getFixedT(locale)('order:quantity_pack', { quantity, pack: pack.unit[locale], units, unit: product.unit[locale] })
          : i18n.getFixedT(locale)('order:quantity_plain', { quantity, unit: product.unit[locale] }),
        unitYuan: yuan(product.priceFen),
        totalFen: product.priceFen * units,
        totalYuan: yuan(product.priceFen * units),
        recipientName: self ? (values.name ?? customer.name) : values.recipientName,
        recipientPhone,
        recipientPhoneText: phoneText(recipientPhone),
      },
    };
  };
}

/** createOrder: the confirmed order (status confirmed) from the read-back values. */
export function createOrderAction(catalogue: Catalogue): FlowAction {
  return async ({ values, customer, conversationId, channel, recordId }) => {
    const product = catalogue.get(String(values.sku))!;
    const self = values.recipientSelf !== false;
    const order = await createOrder(
      {
        customer: customer.id,
        conversation: conversationId,
        source: 'bot',
        channel: channel as ChannelId,
        items: [{ sku: product.sku, product: product.name['zh-CN'], quantity: Number(values.units ?? values.quantity), unitPriceFen: product.priceFen }],
        recipient: { name: String(values.recipientName), phone: String(values.recipientPhone), isCustomer: self },
        address: String(values.address),
        payment: values.payment === 'online' ? 'online' : 'cod',
      },
      BOT,
      { id: recordId('order') },
    );
    if (self) await learnAboutCustomer(customer.id, { name: String(values.recipientName), phone: String(values.recipientPhone) });
    if (self) await learnGender(customer, values.gender);
    return { values: { orderId: String(order._id), orderNumber: order.number } };
  };
}

/** setUpdatesVia: logistics updates by WeChat if the customer agreed, else by SMS (001 §一.3). */
export const setUpdatesViaAction: FlowAction = async ({ values, customer }) => {
  const via = values.wechatOk === true ? 'wechat' : 'sms';
  await learnAboutCustomer(customer.id, { updatesVia: via });
  if (typeof values.orderId === 'string') await Order.updateOne({ _id: values.orderId }, { $set: { updatesVia: via } });
  return { values: { updatesVia: via } };
};

/** The values flows read back about an order; product names and units in the customer's language. */
function orderValues(order: OrderDoc, i18n: i18n, catalogue: Catalogue, locale: Locale): Record<string, unknown> {
  const t = i18n.getFixedT(locale);
  const item = order.items[0];
  const itemText = (i: OrderDoc['items'][number]) => {
    const product = catalogue.get(i.sku);
    return t('order:item', { product: product?.name[locale] ?? i.product, quantity: i.quantity, unit: product?.unit[locale] ?? '' });
  };
  return {
    orderId: String(order._id),
    orderNumber: order.number,
    itemsText: order.items.map(itemText).join(locale === 'en' ? ', ' : '、'),
    itemCount: order.items.length,
    quantity: item?.quantity,
    address: order.address,
    totalYuan: yuan(order.totalFen),
    payment: order.payment,
    recipientName: order.recipient?.name,
    recipientPhone: order.recipient?.phone,
    recipientPhoneText: phoneText(order.recipient?.phone),
    status: order.status,
    statusText: t(`order:status_${order.status}`),
    courier: order.courier ?? '',
    trackingNumber: order.trackingNumber ?? '',
  };
}

/**
 * loadOrder: an existing (web) order to read back for confirmation (订单确认). Run again after the
 * customer corrected the address or the quantity, it keeps their answers and re-prices, so the
 * read-back shows the new total; nothing is saved until confirmExistingOrder.
 */
export function loadOrderAction(i18n: i18n, catalogue: Catalogue): FlowAction {
  return async ({ values, locale }) => {
    const order = await Order.findById(String(values.orderId));
    if (!order) throw new Error(`order ${String(values.orderId)} not found`);
    const quantity = Number(values.quantity);
    if (order.items.length === 1 && Number.isInteger(quantity) && quantity > 0) {
      order.items[0].quantity = quantity;
      order.totalFen = quantity * order.items[0].unitPriceFen;
    }
    if (typeof values.address === 'string' && values.address.trim()) order.address = values.address;
    return { values: orderValues(order, i18n, catalogue, locale) };
  };
}

/** confirmExistingOrder: apply the customer's corrections and mark the order confirmed. */
export const confirmExistingOrderAction: FlowAction = async ({ values }) => {
  const order = await Order.findById(String(values.orderId));
  if (!order) throw new Error(`order ${String(values.orderId)} not found`);
  const changes: Record<string, unknown> = {};
  if (typeof values.address === 'string' && values.address !== order.address) order.address = changes.address = values.address;
  const quantity = Number(values.quantity);
  if (order.items.length === 1 && Number.isInteger(quantity) && quantity > 0 && quantity !== order.items[0].quantity) {
    order.items[0].quantity = quantity;
    order.totalFen = quantity * order.items[0].unitPriceFen;
    changes.quantity = quantity;
  }
  if (order.status === 'pending') {
    order.statusHistory.push({ from: 'pending', to: 'confirmed', at: new Date(), note: 'confirmed by the customer' });
    order.status = 'confirmed';
    order.confirmedAt = new Date();
  }
  await order.save();
  await recordAudit(BOT, 'order.confirm', { type: 'Order', id: order._id }, changes);
  return { values: { totalYuan: yuan(order.totalFen) } };
};

/** findOrders: by order number or phone; lists status and tracking number of each. */
export function findOrdersAction(i18n: i18n, catalogue: Catalogue): FlowAction {
  return async ({ values, customer, locale }) => {
    const query = String(values.query ?? '').trim();
    const number = /O\d{8,16}/i.exec(query.normalize('NFKC').replace(/\s/g, ''))?.[0].toUpperCase();
    const phone = number ? undefined : parsePhoneFor(query, locale)?.e164;
    const orders = await findOrders({ number, phone, customer: number || phone ? undefined : customer.id });
    const t = i18n.getFixedT(locale);
    const lines = orders.map((o) => {
      const v = orderValues(o, i18n, catalogue, locale);
      // A tracking number (and its courier) only once there is one: "line", "line_tracking", "line_courier".
      return t('order-status:line', { ...v, context: v.trackingNumber ? (v.courier ? 'courier' : 'tracking') : undefined });
    });
    return { values: { found: orders.length, ordersText: lines.join('\n') } };
  };
}
