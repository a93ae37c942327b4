import { Types, type FilterQuery } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit, type Actor } from '../audit/audit.service';
import { literalPattern, looksLikePhone } from '../shared/text-search';
import { Conversation } from '../conversation/conversation.model';
import { Message } from '../message/message.model';
import { Lead } from '../lead/lead.model';
import { Order } from '../order/order.model';
import { Complaint } from '../complaint/complaint.model';
import { FollowUp } from '../follow-up/follow-up.model';
import { Contract } from '../contract/contract.model';
import { Customer, type CustomerDoc, type CustomerFields } from './customer.model';
import { CustomerIdentity } from './customer-identity.model';

/**
 * 客户档案: customers by name (or part), phone (or its last four digits), ID number or tag, the
 * latest seen first; merged records are left out (they live on in the one they were merged into).
 */
export async function listCustomers(f: { q?: string; tag?: string; limit?: number }): Promise<CustomerDoc[]> {
  const and: FilterQuery<CustomerFields>[] = [{ mergedInto: null }];
  const q = f.q?.trim();
  if (q) and.push({ $or: looksLikePhone(q) ? [{ phone: { $regex: q.replace(/[^\d+]/g, '') } }, { idNumber: q.toUpperCase() }] : [{ name: literalPattern(q) }, { idNumber: q.toUpperCase() }] });
  if (f.tag) and.push({ tags: f.tag });
  return Customer.find({ $and: and }).sort({ updatedAt: -1 }).limit(f.limit ?? 200);
}

export interface ArchiveChanges {
  name?: string | null;
  phone?: string | null;
  gender?: 'male' | 'female' | 'unknown';
  address?: string | null;
  idNumber?: string | null;
  notes?: string | null;
}

const PERSONAL = ['name', 'phone', 'address', 'idNumber', 'notes'];

/** An agent corrects the archive (an agent's entry wins over what the bot learned); audited by field name only. */
export async function updateCustomerArchive(id: string, changes: ArchiveChanges, actor: Actor): Promise<CustomerDoc> {
  const customer = await Customer.findById(id);
  if (!customer) throw new AppError('CUSTOMER_NOT_FOUND');
  if (typeof changes.idNumber === 'string') changes = { ...changes, idNumber: changes.idNumber.trim().toUpperCase() };
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) customer.set(k, v === null || v === '' ? undefined : v);
  await customer.save();
  await recordAudit(actor, 'customer.archive', { type: 'Customer', id: customer._id }, Object.fromEntries(Object.keys(changes).map((k) => [k, PERSONAL.includes(k) ? '[changed]' : (changes as Record<string, unknown>)[k]])));
  return customer;
}

/**
 * 合并档案: the same person wrote from two channels. The source's identities now name the target
 * (their next message lands there), its conversations and records move to the target, the target
 * keeps its own name and phone and takes the source's where it has none; the source stays, marked
 * `mergedInto`, with no identities.
 */
export async function mergeCustomers(targetId: string, sourceId: string, actor: Actor): Promise<CustomerDoc> {
  if (targetId === sourceId) throw new AppError('VALIDATION_FAILED', 'a customer cannot be merged into itself', { details: [{ field: 'source', message: 'same as the target' }] });
  const [target, source] = await Promise.all([Customer.findById(targetId), Customer.findById(sourceId)]);
  if (!target || !source || target.mergedInto) throw new AppError('CUSTOMER_NOT_FOUND');
  if (source.mergedInto) throw new AppError('STEP_NOT_ALLOWED', 'That customer was already merged');
  const from = { customer: source._id };
  const to = { $set: { customer: target._id } };
  await CustomerIdentity.updateMany(from, to);
  await Promise.all([Conversation, Message, Lead, Order, Complaint, FollowUp, Contract].map((m) => (m as typeof Lead).updateMany(from, to)));
  const known = new Set((target.identities ?? []).map((i) => `${i.channel}:${i.externalId}`));
  for (const i of source.identities ?? []) if (!known.has(`${i.channel}:${i.externalId}`)) target.identities.push(i.toObject());
  for (const k of ['name', 'phone', 'address', 'idNumber', 'locale', 'updatesVia'] as const) if (!target.get(k) && source.get(k)) target.set(k, source.get(k));
  if (target.gender === 'unknown' && source.gender !== 'unknown') target.gender = source.gender;
  target.tags = [...new Set([...(target.tags ?? []), ...(source.tags ?? [])])];
  await target.save();
  await Customer.updateOne({ _id: source._id }, { $set: { mergedInto: target._id, identities: [] } });
  await recordAudit(actor, 'customer.merge', { type: 'Customer', id: target._id }, { merged: String(source._id) });
  return target;
}

export async function getCustomer(id: string | Types.ObjectId): Promise<CustomerDoc> {
  const c = await Customer.findById(id);
  if (!c) throw new AppError('CUSTOMER_NOT_FOUND');
  return c;
}
