import type { ChannelId } from '../../core/message';
import { AppError } from '../../errors';
import { Lead, LEAD_STATUSES, type LeadDoc } from './lead.model';
import { recordAudit, type Actor } from '../audit/audit.service';

export interface NewLead {
  customer: string;
  conversation?: string;
  need: string;
  name?: string;
  phone?: string;
  preferredContactTime?: string;
  sourceChannel: ChannelId;
}

/** Records an inquiry (咨询受理) as a new lead, to be assigned to a sales consultant. */
export async function createLead(input: NewLead, actor: Actor): Promise<LeadDoc> {
  const lead = await Lead.create({ ...input, status: 'new', history: [{ to: 'new', note: 'inquiry recorded' }] });
  await recordAudit(actor, 'lead.create', { type: 'Lead', id: lead._id }, { sourceChannel: input.sourceChannel });
  return lead;
}

export interface LeadChanges {
  status?: (typeof LEAD_STATUSES)[number];
  consultant?: string | null;
  need?: string;
  name?: string;
  phone?: string;
  preferredContactTime?: string;
  lostReason?: string;
  /** What happened at this follow-up contact (kept in the history). */
  note?: string;
}

/** Follow-up on a lead: a status change or a contact note goes into its history. */
export async function updateLead(id: string, changes: LeadChanges, actor: Actor): Promise<LeadDoc> {
  const lead = await Lead.findById(id);
  if (!lead) throw new AppError('NOT_FOUND', 'Lead not found');
  const { status, note, consultant, ...fields } = changes;
  lead.set(fields);
  if (consultant !== undefined) lead.set('consultant', consultant ?? undefined);
  if ((status && status !== lead.status) || note) {
    lead.history.push({ from: lead.status, to: status ?? lead.status, by: actor.id, note, at: new Date() });
  }
  if (status && status !== lead.status) {
    lead.status = status;
    if (status === 'signed') lead.signedAt = new Date();
  }
  await lead.save();
  await recordAudit(actor, 'lead.update', { type: 'Lead', id: lead._id }, changes);
  return lead;
}
