import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { CHANNELS } from '../../core/message';
import { phoneValidator, statusChangeSchema, withReportDay } from '../shared/schema-helpers';
import { encryptedFields } from '../../crypto/pii.plugin';
import { ORDER_STATUSES } from './order-kinds';

export { ORDER_STATUSES } from './order-kinds';

const money = { type: Number, min: 0, validate: { validator: Number.isInteger, message: '{PATH} must be whole fen (cents)' } };

const orderItemSchema = new Schema(
  {
    sku: { type: String, required: true, maxlength: 50 },
    product: { type: String, required: true, maxlength: 200 },
    quantity: { type: Number, required: true, min: 1, max: 100000, validate: { validator: Number.isInteger, message: 'quantity must be a whole number' } },
    unitPriceFen: { ...money, required: true },
  },
  { _id: false },
);

/** 订单: products × quantity, recipient, address, payment (货到付款 / 线上付款), logistics. */
const orderSchema = new Schema(
  {
    number: { type: String, required: true, match: /^[A-Z0-9-]{6,32}$/ },
    customer: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation' },
    source: { type: String, enum: ['bot', 'web', 'agent', 'import'], required: true },
    channel: { type: String, enum: CHANNELS },
    items: {
      type: [orderItemSchema],
      validate: { validator: (v: unknown[]) => v.length > 0, message: 'an order needs at least one item' },
    },
    totalFen: { ...money, required: true },
    recipient: {
      name: { type: String, required: true, trim: true, maxlength: 100 },
      phone: { type: String, required: true, validate: phoneValidator },
      isCustomer: { type: Boolean, default: true },
    },
    address: { type: String, required: true, trim: true, minlength: 4, maxlength: 500 },
    payment: { type: String, enum: ['cod', 'online'], required: true },
    status: { type: String, enum: ORDER_STATUSES, default: 'confirmed', required: true },
    statusHistory: { type: [statusChangeSchema], default: [] },
    courier: { type: String, maxlength: 100 },
    trackingNumber: { type: String, maxlength: 100 },
    updatesVia: { type: String, enum: ['wechat', 'sms'] },
    confirmedAt: Date,
    shippedAt: Date,
    deliveredAt: Date,
    completedAt: Date,
    cancelledAt: Date,
    /** 应收账款: paid (when, how much) or due by receivableDueAt (set at delivery). */
    paid: {
      at: Date,
      fen: { ...money },
      note: { type: String, maxlength: 500 },
      by: { type: Schema.Types.ObjectId, ref: 'User' },
    },
    receivableDueAt: Date,
    /** Each status change told to the customer: how, and whether it went out. */
    notifications: {
      type: [
        new Schema(
          { status: String, via: { type: String, enum: ['chat', 'sms', 'none'] }, channel: String, at: Date, ok: Boolean, error: { type: String, maxlength: 500 }, message: { type: Schema.Types.ObjectId, ref: 'Message' } },
          { _id: false },
        ),
      ],
      default: [],
    },
    /** When the bot asked the customer to confirm this (web) order (订单确认). */
    confirmationRequestedAt: Date,
  },
  { timestamps: true },
);
withReportDay(orderSchema);
orderSchema.pre('validate', function checkTotal() {
  const sum = (this.items ?? []).reduce((s, i) => s + i.quantity * i.unitPriceFen, 0);
  if (this.totalFen !== sum) this.invalidate('totalFen', `totalFen must equal the sum of the items (${sum})`, this.totalFen);
});
orderSchema.index({ number: 1 }, { unique: true });
orderSchema.index({ customer: 1, createdAt: -1 });
orderSchema.index({ status: 1, day: 1 });
orderSchema.index({ status: 1, source: 1, confirmationRequestedAt: 1 });
orderSchema.index({ receivableDueAt: 1 });
orderSchema.plugin(encryptedFields, { fields: [{ path: 'recipient.name' }, { path: 'recipient.phone', lookup: 'phone' }, { path: 'address' }] });

export type OrderFields = InferSchemaType<typeof orderSchema>;
export type OrderDoc = HydratedDocument<OrderFields>;
export const Order = model('Order', orderSchema);
