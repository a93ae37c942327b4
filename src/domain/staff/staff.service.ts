import { Types, type FilterQuery } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit, type Actor } from '../audit/audit.service';
import { Customer } from '../customer/customer.model';
import { Contract } from '../contract/contract.model';
import { followUpPlacement } from '../follow-up/follow-up-rules';
import { literalPattern, looksLikePhone } from '../shared/text-search';
import { Staff, type StaffDoc, type StaffFields } from './staff.model';
import { STAFF_MOVES, type StaffStatus } from './staff-kinds';

export interface StaffInput {
  name: string;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
  emergencyContact?: string | null;
  store?: string | null;
  skills?: string[];
  notes?: string | null;
}

const PERSONAL = new Set(['name', 'phone', 'idNumber', 'address', 'emergencyContact', 'notes']);
/** Field names for the audit log, never the personal values. */
const changedFields = (input: object) => Object.fromEntries(Object.entries(input).map(([k, v]) => [k, PERSONAL.has(k) ? '[changed]' : v]));

/** 入职登记: a worker enters the archive as new (新到), the first line of their movement log. */
/** ID numbers are kept upper-case (…123X), so an exact search finds them however typed. */
const normalised = <T extends Partial<StaffInput>>(input: T): T => (typeof input.idNumber === 'string' ? { ...input, idNumber: input.idNumber.trim().toUpperCase() } : input);

export async function createStaff(input: StaffInput, actor: Actor & { name?: string }): Promise<StaffDoc> {
  input = normalised(input);
  const fields = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== ''));
  const staff = await Staff.create({ ...fields, status: 'new', movements: [{ to: 'new', at: new Date(), store: input.store ?? undefined, by: actor.id, byName: actor.name }] });
  await recordAudit(actor, 'staff.create', { type: 'Staff', id: staff._id }, changedFields(input));
  return staff;
}

export async function getStaff(id: string | Types.ObjectId): Promise<StaffDoc> {
  const staff = await Staff.findById(id);
  if (!staff) throw new AppError('NOT_FOUND', 'Worker not found');
  return staff;
}

/** Changes a worker's details (the status moves only through changeStaffStatus). */
export async function updateStaff(id: string, input: Partial<StaffInput>, actor: Actor): Promise<StaffDoc> {
  const staff = await getStaff(id);
  input = normalised(input);
  for (const [k, v] of Object.entries(input)) if (v !== undefined) staff.set(k, v === null || v === '' ? undefined : v);
  await staff.save();
  await recordAudit(actor, 'staff.update', { type: 'Staff', id: staff._id }, changedFields(input));
  return staff;
}

/** The worker archive: by status and store; `q` a name (or part), a phone, an ID number. */
export async function listStaff(f: { status?: StaffStatus; store?: string; q?: string; limit?: number }): Promise<StaffDoc[]> {
  const and: FilterQuery<StaffFields>[] = [];
  if (f.status) and.push({ status: f.status });
  if (f.store) and.push({ store: f.store });
  const q = f.q?.trim();
  if (q) and.push({ $or: looksLikePhone(q) ? [{ phone: { $regex: q.replace(/[^\d+]/g, '') } }, { idNumber: q.toUpperCase() }] : [{ name: literalPattern(q) }, { idNumber: q.toUpperCase() }] });
  const items = await Staff.find(and.length ? { $and: and } : {}).limit(f.limit ?? 500);
  return items.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export interface StatusChange {
  to: StaffStatus;
  store?: string;
  /** On duty with this customer (上岗), under this contract. */
  customer?: string;
  contract?: string;
  note?: string;
}

/**
 * 流动: the store reports a worker new, on duty, returned or resigned; the change lands in the
 * movement log (流动情况记录表) in one compare-and-set on the status it was read in, so two reports
 * at once cannot both apply. Going on duty with a customer schedules the placement follow-ups.
 */
export async function changeStaffStatus(id: string, change: StatusChange, actor: Actor & { name?: string }, now = new Date()): Promise<StaffDoc> {
  const staff = await getStaff(id);
  const from = staff.status as StaffStatus;
  if (!STAFF_MOVES[from].includes(change.to)) throw new AppError('STEP_NOT_ALLOWED', `A worker who is ${from} cannot become ${change.to}`, { details: [{ field: 'to', message: `not allowed from ${from}` }] });
  if (change.customer && !(await Customer.exists({ _id: change.customer }))) throw new AppError('CUSTOMER_NOT_FOUND');
  if (change.contract && !(await Contract.exists({ _id: change.contract }))) throw new AppError('VALIDATION_FAILED', 'contract not found', { details: [{ field: 'contract', message: 'not found' }] });
  const customer = change.customer ? new Types.ObjectId(change.customer) : undefined;
  const contract = change.contract ? new Types.ObjectId(change.contract) : undefined;
  const movement = { from, to: change.to, at: now, store: change.store ?? staff.store ?? undefined, customer, contract, note: change.note, by: actor.id, byName: actor.name };
  const set: Record<string, unknown> = { status: change.to };
  if (change.store) set.store = change.store;
  const update: Record<string, unknown> = { $set: set, $push: { movements: movement } };
  if (change.to === 'on_duty') set.placement = { customer, contract, since: now };
  else update.$unset = { placement: 1 };
  const saved = await Staff.findOneAndUpdate({ _id: staff._id, status: from }, update, { new: true });
  if (!saved) throw new AppError('CONFLICT', 'The worker’s status was changed meanwhile; reload');
  await recordAudit(actor, 'staff.status', { type: 'Staff', id: saved._id }, { from, to: change.to, store: movement.store });
  if (change.to === 'on_duty') await followUpPlacement({ staff: saved._id, customer, contract, at: now });
  return saved;
}
