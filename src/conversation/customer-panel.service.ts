import type { Document } from 'mongoose';
import { AppError } from '../errors';
import type { ChannelId } from '../core/message';
import { Customer } from '../domain/customer/customer.model';
import { CustomerIdentity } from '../domain/customer/customer-identity.model';
import { Conversation } from '../domain/conversation/conversation.model';
import { Lead } from '../domain/lead/lead.model';
import { Order } from '../domain/order/order.model';
import { Complaint } from '../domain/complaint/complaint.model';
import { recordAudit, type Actor } from '../domain/audit/audit.service';
import type { CustomerBundle, RecordView } from '../http/contract';
import { toListItems } from './conversation-view';
import { assertMayReadCustomer, type Reader } from './chat-access';

const LIMIT = 50;

/** A stored record as JSON for the console: `id` instead of `_id`, no version key. */
export function toRecord(doc: Document): RecordView {
  const { _id, ...rest } = doc.toJSON({ versionKey: false, flattenMaps: true }) as Record<string, unknown>;
  return { id: String(_id), ...rest };
}

/** Everything the customer panel shows (profile, identities, conversations newest first, records), to a reader who may see the customer. */
export async function customerBundle(id: string, reader: Reader): Promise<CustomerBundle> {
  await assertMayReadCustomer(reader, id);
  const customer = await Customer.findById(id);
  if (!customer) throw new AppError('CUSTOMER_NOT_FOUND');
  const newest = { createdAt: -1 } as const;
  const [identities, conversations, leads, orders, complaints] = await Promise.all([
    CustomerIdentity.find({ customer: customer._id }).lean(),
    Conversation.find({ customer: customer._id }).sort({ createdAt: -1, _id: -1 }).limit(LIMIT).lean(),
    Lead.find({ customer: customer._id }).sort(newest).limit(LIMIT),
    Order.find({ customer: customer._id }).sort(newest).limit(LIMIT),
    Complaint.find({ customer: customer._id }).sort(newest).limit(LIMIT),
  ]);
  const shown = new Map((customer.identities ?? []).map((i) => [`${i.channel}:${i.externalId}`, i]));
  return {
    customer: toRecord(customer),
    identities: identities.map((i) => {
      const known = shown.get(`${i.channel}:${i.externalId}`);
      const firstSeen = known?.firstSeenAt ?? i.createdAt;
      return { channel: i.channel, externalId: i.externalId, ...(known?.displayName ? { displayName: known.displayName } : {}), ...(firstSeen ? { firstSeenAt: firstSeen.toISOString() } : {}) };
    }),
    conversations: await toListItems(conversations),
    leads: leads.map(toRecord),
    orders: orders.map(toRecord),
    complaints: complaints.map(toRecord),
  };
}

/**
 * The record's customer must exist and be the reader's to see, and the conversation, if named,
 * must be theirs; returns its channel.
 */
export async function recordOwner(customerId: string, conversationId: string | undefined, reader: Reader): Promise<ChannelId | undefined> {
  await assertMayReadCustomer(reader, customerId);
  if (!conversationId) return undefined;
  const conversation = await Conversation.findOne({ _id: conversationId, customer: customerId }, { channel: 1 }).lean();
  if (!conversation) throw new AppError('VALIDATION_FAILED', 'conversation is not one of this customer', { details: [{ field: 'conversation', message: 'not a conversation of this customer' }] });
  return conversation.channel;
}

/** Replaces the customer's tags (VIP, 大客户…): what the history filters by; for a reader who may see the customer. */
export async function setCustomerTags(id: string, tags: string[], actor: Actor, reader: Reader): Promise<RecordView> {
  await assertMayReadCustomer(reader, id);
  const before = await Customer.findById(id, { tags: 1 }).lean();
  if (!before) throw new AppError('CUSTOMER_NOT_FOUND');
  const customer = await Customer.findOneAndUpdate({ _id: id }, { $set: { tags } }, { new: true, runValidators: true });
  if (!customer) throw new AppError('CUSTOMER_NOT_FOUND');
  await recordAudit(actor, 'customer.tags', { type: 'Customer', id: customer._id }, { from: before.tags ?? [], to: tags });
  return toRecord(customer);
}
