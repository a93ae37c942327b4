import { Types, type FilterQuery } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit, SYSTEM, type Actor } from '../audit/audit.service';
import { Customer } from '../customer/customer.model';
import { Staff } from '../staff/staff.model';
import { FollowUp } from '../follow-up/follow-up.model';
import { getDirectoryEntry, storeManagers } from '../directory/directory.service';
import { announce, type Contact } from '../shared/notices';
import { localDay } from '../shared/local-day';
import { Contract, RENEWAL_NOTICE_DAYS, type ContractDoc, type ContractFields } from './contract.model';
import { isDuplicateKey } from '../../db/create-once';

export interface ContractInput {
  number: string;
  customer: string;
  staff?: string | null;
  store?: string | null;
  consultant?: string | null;
  start: Date;
  end: Date;
  amountFen: number;
  serviceAddress?: string | null;
  notes?: string | null;
}

async function checkRefs(input: Partial<ContractInput>): Promise<void> {
  if (input.customer && !(await Customer.exists({ _id: input.customer }))) throw new AppError('CUSTOMER_NOT_FOUND');
  if (input.staff && !(await Staff.exists({ _id: input.staff }))) throw new AppError('VALIDATION_FAILED', 'staff is not a worker of the archive', { details: [{ field: 'staff', message: 'not found' }] });
  if (input.consultant) {
    const entry = await getDirectoryEntry(input.consultant).catch(() => undefined);
    if (entry?.kind !== 'sales_consultant') throw new AppError('VALIDATION_FAILED', 'consultant must be a sales consultant', { details: [{ field: 'consultant', message: 'not a sales consultant' }] });
  }
}

const present = (input: object) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== '' && v !== undefined));

/** 协议录入: a signed contract enters the archive (number unique: 409 DUPLICATE naming it). */
export async function createContract(input: ContractInput, actor: Actor): Promise<ContractDoc> {
  await checkRefs(input);
  const contract = await Contract.create({ ...present(input), history: [{ to: 'signed', by: actor.id }] });
  await recordAudit(actor, 'contract.create', { type: 'Contract', id: contract._id }, { number: contract.number });
  return contract;
}

export async function getContract(id: string | Types.ObjectId): Promise<ContractDoc> {
  const contract = await Contract.findById(id);
  if (!contract) throw new AppError('NOT_FOUND', 'Contract not found');
  return contract;
}

/** Changes a contract's details; null or '' clears a field. */
export async function updateContract(id: string, input: Partial<ContractInput>, actor: Actor): Promise<ContractDoc> {
  await checkRefs(input);
  const contract = await getContract(id);
  for (const [k, v] of Object.entries(input)) if (v !== undefined) contract.set(k, v === null || v === '' ? undefined : v);
  await contract.save();
  await recordAudit(actor, 'contract.update', { type: 'Contract', id: contract._id }, { fields: Object.keys(input) });
  return contract;
}

export type ContractView = 'active' | 'renewals' | 'ended' | 'all';

/**
 * The contract archive. `renewals`: the renewal list — contracts ending within 15 days (or already
 * due or notified) whose renewal is not recorded or declined, the soonest end first.
 */
export async function listContracts(f: { view?: ContractView; q?: string; customer?: string; staff?: string; store?: string; limit?: number }, now = new Date()): Promise<ContractDoc[]> {
  const and: FilterQuery<ContractFields>[] = [];
  const view = f.view ?? 'active';
  if (view === 'active') and.push({ end: { $gte: now } });
  if (view === 'ended') and.push({ end: { $lt: now } });
  if (view === 'renewals') {
    const horizon = new Date(now.getTime() + RENEWAL_NOTICE_DAYS * 24 * 3600_000);
    and.push({ 'renewal.state': { $nin: ['renewed', 'declined'] } }, { $or: [{ end: { $lte: horizon, $gte: new Date(now.getTime() - 30 * 24 * 3600_000) } }, { 'renewal.state': { $in: ['due', 'notified'] } }] });
  }
  if (f.q?.trim()) and.push({ number: f.q.trim() });
  if (f.customer) and.push({ customer: new Types.ObjectId(f.customer) });
  if (f.staff) and.push({ staff: new Types.ObjectId(f.staff) });
  if (f.store) and.push({ store: f.store });
  return Contract.find(and.length ? { $and: and } : {}).sort(view === 'renewals' || view === 'active' ? { end: 1 } : { end: -1 }).limit(f.limit ?? 500);
}

/**
 * 续签登记: the renewed contract is recorded (its own number and dates) and linked both ways; the
 * old one's renewal is `renewed`. A compare-and-set on the old renewal state: recorded once.
 */
export async function renewContract(id: string, next: { number: string; start: Date; end: Date; amountFen: number; staff?: string }, actor: Actor): Promise<{ old: ContractDoc; renewed: ContractDoc }> {
  const old = await getContract(id);
  if (old.renewal?.state === 'renewed' || old.renewal?.state === 'declined') throw new AppError('STEP_NOT_ALLOWED', `The renewal of ${old.number} is already ${old.renewal.state}`);
  const renewed = await createContract(
    { number: next.number, customer: String(old.customer), staff: next.staff ?? (old.staff ? String(old.staff) : undefined), store: old.store ?? undefined, consultant: old.consultant ? String(old.consultant) : undefined, start: next.start, end: next.end, amountFen: next.amountFen, serviceAddress: old.serviceAddress ?? undefined },
    actor,
  );
  renewed.set('renewal.renewedFrom', old._id);
  await renewed.save();
  const state = old.renewal?.state ?? 'none';
  const saved = await Contract.findOneAndUpdate(
    { _id: old._id, 'renewal.state': state },
    { $set: { 'renewal.state': 'renewed', 'renewal.renewedTo': renewed._id, 'renewal.decidedAt': new Date() }, $push: { history: { from: state, to: 'renewed', at: new Date(), by: actor.id, note: `renewed as ${renewed.number}` } } },
    { new: true },
  );
  if (!saved) {
    await Contract.deleteOne({ _id: renewed._id });
    throw new AppError('CONFLICT', 'The renewal was recorded by someone else meanwhile');
  }
  await recordAudit(actor, 'contract.renew', { type: 'Contract', id: old._id }, { renewedTo: renewed.number });
  return { old: saved, renewed };
}

/** The customer does not renew: recorded with the reason, off the renewal list. */
export async function declineRenewal(id: string, reason: string, actor: Actor): Promise<ContractDoc> {
  const old = await getContract(id);
  const state = old.renewal?.state ?? 'none';
  if (state === 'renewed' || state === 'declined') throw new AppError('STEP_NOT_ALLOWED', `The renewal of ${old.number} is already ${state}`);
  const saved = await Contract.findOneAndUpdate(
    { _id: old._id, 'renewal.state': state },
    { $set: { 'renewal.state': 'declined', 'renewal.reason': reason, 'renewal.decidedAt': new Date() }, $push: { history: { from: state, to: 'declined', at: new Date(), by: actor.id, note: reason } } },
    { new: true },
  );
  if (!saved) throw new AppError('CONFLICT');
  await recordAudit(actor, 'contract.decline', { type: 'Contract', id: old._id }, { reason });
  return saved;
}

/**
 * 续签提醒 (000 §7-3): contracts ending within 15 days with no renewal in progress become `due`
 * (compare-and-set, so each is claimed once), a renewal follow-up is scheduled, and the store's
 * managers, the consultant and the console's managers are told; once the store or the consultant
 * was reached, the contract is `notified`.
 */
export async function remindRenewals(today: Date): Promise<number> {
  const horizon = new Date(today.getTime() + RENEWAL_NOTICE_DAYS * 24 * 3600_000);
  const due = await Contract.find({ end: { $gte: today, $lte: horizon }, 'renewal.state': 'none' }).limit(500);
  let told = 0;
  for (const contract of due) {
    const claimed = await Contract.updateOne(
      { _id: contract._id, 'renewal.state': 'none' },
      { $set: { 'renewal.state': 'due', 'renewal.notifiedAt': today }, $push: { history: { from: 'none', to: 'due', at: today, note: 'renewal reminder' } } },
    );
    if (!claimed.modifiedCount) continue;
    await FollowUp.create({ targetType: 'customer', customer: contract.customer, contract: contract._id, reason: 'renewal', dueAt: today, script: 'contract-renewal', ruleKey: `renewal:${String(contract._id)}` }).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    });
    const contacts: Contact[] = (await storeManagers(contract.store)).map((m) => ({ name: m.name, wecomUserId: m.wecomUserId ?? undefined, email: m.email ?? undefined }));
    if (contract.consultant) {
      const c = await getDirectoryEntry(contract.consultant).catch(() => undefined);
      if (c) contacts.push({ name: c.name, wecomUserId: c.wecomUserId ?? undefined, email: c.email ?? undefined });
    }
    announce({ kind: 'contract.renewal', params: { number: contract.number, end: localDay(contract.end), store: contract.store ?? '' }, managers: true, contacts, link: { page: 'archives', params: ['contracts', String(contract._id)] } });
    // `notified`: the store (or the consultant) was reached; with nobody to reach it stays `due` on the console's list.
    if (contacts.length) await Contract.updateOne({ _id: contract._id, 'renewal.state': 'due' }, { $set: { 'renewal.state': 'notified' }, $push: { history: { from: 'due', to: 'notified', at: today, note: `told ${contacts.length} contact(s)` } } });
    await recordAudit(SYSTEM, 'contract.renewal_due', { type: 'Contract', id: contract._id }, { end: contract.end, store: contract.store });
    told++;
  }
  return told;
}
