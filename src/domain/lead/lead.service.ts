import { Types, type FilterQuery } from 'mongoose';
import type { ChannelId } from '../../core/message';
import { AppError } from '../../errors';
import { Lead, type LeadDoc, type LeadFields } from './lead.model';
import { LEAD_MOVES, type LeadStatus } from './lead-kinds';
import { recordAudit, type Actor } from '../audit/audit.service';
import { getDirectoryEntry } from '../directory/directory.service';
import { announce } from '../shared/notices';
import { createOnce } from '../../db/create-once';

export interface NewLead {
  customer: string;
  conversation?: string;
  need: string;
  name?: string;
  phone?: string;
  preferredContactTime?: string;
  sourceChannel: ChannelId;
}

/** The audit trail names which personal fields changed, never their values. */
const redacted = (changes: object) => Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, k === 'name' || k === 'phone' ? '[changed]' : v]));

/** Records an inquiry (咨询受理) as a new lead, to be assigned to a sales consultant (once under `options.id`). */
export async function createLead(input: NewLead, actor: Actor, options: { id?: string } = {}): Promise<LeadDoc> {
  return createOnce(options.id, (id) => Lead.findById(id), async () => {
    const lead = await Lead.create({ ...(options.id ? { _id: options.id } : {}), ...input, status: 'new', handler: actor.type === 'user' ? actor.id : undefined, history: [{ to: 'new', note: 'inquiry recorded' }] });
    await recordAudit(actor, 'lead.create', { type: 'Lead', id: lead._id }, { sourceChannel: input.sourceChannel });
    return lead;
  });
}

export interface LeadChanges {
  status?: LeadStatus;
  consultant?: string | null;
  need?: string;
  name?: string;
  phone?: string;
  preferredContactTime?: string;
  lostReason?: string;
  /** What happened at this follow-up contact (kept in the history). */
  note?: string;
  nextContactAt?: Date | null;
}

function checkMove(from: LeadStatus, to: LeadStatus): void {
  if (from !== to && !LEAD_MOVES[from].includes(to)) throw new AppError('STEP_NOT_ALLOWED', `A ${from} lead cannot become ${to}`, { details: [{ field: 'status', message: `not allowed from ${from}` }] });
}

/**
 * Follow-up on a lead: details, a contact note with the next contact date, a status change along
 * new → assigned → contacted → signed / lost, or a sales consultant (which makes it assigned and
 * tells the consultant). Each change lands in its history; one optimistic save (a concurrent change
 * answers 409).
 */
export async function updateLead(id: string, changes: LeadChanges, actor: Actor): Promise<LeadDoc> {
  const lead = await Lead.findById(id);
  if (!lead) throw new AppError('NOT_FOUND', 'Lead not found');
  const { status: asked, note, consultant, nextContactAt, ...fields } = changes;
  const from = lead.status as LeadStatus;
  let status = asked ?? from;
  let consultantName: string | undefined;
  if (consultant) {
    const entry = await getDirectoryEntry(consultant);
    if (entry.kind !== 'sales_consultant' || !entry.active) throw new AppError('VALIDATION_FAILED', 'consultant must be an active sales consultant', { details: [{ field: 'consultant', message: 'not an active sales consultant' }] });
    consultantName = entry.name;
    if (!asked && (from === 'new' || from === 'assigned' || from === 'contacted')) status = 'assigned';
    lead.consultant = entry._id;
    lead.assignedAt = new Date();
  } else if (consultant === null) lead.set('consultant', undefined);
  checkMove(from, status);
  if (status === 'lost' && !(fields.lostReason ?? lead.lostReason)) throw new AppError('VALIDATION_FAILED', 'lostReason is required to mark a lead lost', { details: [{ field: 'lostReason', message: 'required' }] });
  lead.set(fields);
  if (nextContactAt !== undefined) lead.set('nextContactAt', nextContactAt ?? undefined);
  if (actor.type === 'user' && !lead.handler) lead.handler = actor.id;
  if (status !== from || note || consultant) {
    lead.history.push({ from, to: status, by: actor.id, note: note ?? (consultantName ? `→ ${consultantName}` : undefined), at: new Date() });
  }
  if (status !== from) {
    lead.status = status;
    if (status === 'signed') lead.signedAt = new Date();
  }
  await lead.save();
  await recordAudit(actor, 'lead.update', { type: 'Lead', id: lead._id }, redacted(changes));
  if (consultant && consultantName) await tellConsultant(lead, consultant);
  return lead;
}

/** 分配: the consultant hears of the lead on WeCom or by e-mail when they can be reached so. */
async function tellConsultant(lead: LeadDoc, consultantId: string): Promise<void> {
  const entry = await getDirectoryEntry(consultantId);
  announce({
    kind: 'lead.assigned',
    params: { consultant: entry.name, need: lead.need.slice(0, 200), name: lead.name ?? '', phone: lead.phone ?? '' },
    users: lead.handler ? [String(lead.handler)] : [],
    link: { page: 'leads', params: [String(lead._id)] },
    contacts: [{ name: entry.name, wecomUserId: entry.wecomUserId ?? undefined, email: entry.email ?? undefined }],
  });
}

export interface LeadFilter {
  status?: LeadStatus;
  consultant?: string;
  sourceChannel?: ChannelId;
  /** due: a next contact at or before now; open: not signed or lost. */
  view?: 'all' | 'open' | 'due';
  q?: string;
  customer?: string;
  limit?: number;
}

/** The work list (newest first): by state, consultant, channel; `due` those whose next contact has come. */
export async function listLeads(f: LeadFilter, now = new Date()): Promise<LeadDoc[]> {
  const and: FilterQuery<LeadFields>[] = [];
  if (f.status) and.push({ status: f.status });
  if (f.consultant) and.push({ consultant: new Types.ObjectId(f.consultant) });
  if (f.sourceChannel) and.push({ sourceChannel: f.sourceChannel });
  if (f.customer) and.push({ customer: new Types.ObjectId(f.customer) });
  if (f.view === 'open' || f.view === 'due') and.push({ status: { $in: ['new', 'assigned', 'contacted'] } });
  if (f.view === 'due') and.push({ nextContactAt: { $lte: now } });
  if (f.q?.trim()) {
    const q = f.q.trim();
    const phone = /^[+\d\s()-]{4,}$/.test(q) ? [{ phone: { $regex: q.replace(/[^\d+]/g, '') } }] : [];
    and.push({ $or: [{ need: new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') }, { name: new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') }, ...phone] });
  }
  return Lead.find(and.length ? { $and: and } : {}).sort({ createdAt: -1, _id: -1 }).limit(f.limit ?? 200);
}

export async function getLead(id: string): Promise<LeadDoc> {
  const lead = await Lead.findById(id);
  if (!lead) throw new AppError('NOT_FOUND', 'Lead not found');
  return lead;
}

/**
 * Leads whose next contact has come, each claimed once per date (remindedFor, compare-and-set):
 * the handler (or the managers) are told, and the consultant when they can be reached.
 */
export async function remindDueLeads(now: Date): Promise<number> {
  const due = await Lead.find({ status: { $in: ['assigned', 'contacted', 'new'] }, nextContactAt: { $lte: now } }).limit(500);
  let told = 0;
  for (const lead of due) {
    if (lead.remindedFor && lead.nextContactAt && lead.remindedFor.getTime() === lead.nextContactAt.getTime()) continue;
    const claimed = await Lead.updateOne({ _id: lead._id, nextContactAt: lead.nextContactAt, remindedFor: { $ne: lead.nextContactAt } }, { $set: { remindedFor: lead.nextContactAt } });
    if (!claimed.modifiedCount) continue;
    const consultant = lead.consultant ? await getDirectoryEntry(lead.consultant).catch(() => undefined) : undefined;
    announce({
      kind: 'lead.due',
      params: { need: lead.need.slice(0, 200), name: lead.name ?? '', consultant: consultant?.name ?? '' },
      users: lead.handler ? [String(lead.handler)] : [],
      managers: !lead.handler,
      link: { page: 'leads', params: [String(lead._id)] },
      contacts: consultant ? [{ name: consultant.name, wecomUserId: consultant.wecomUserId ?? undefined, email: consultant.email ?? undefined }] : [],
    });
    told++;
  }
  return told;
}
