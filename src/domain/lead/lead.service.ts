import type { ChannelId } from '../../core/message';
import { Lead, type LeadDoc } from './lead.model';
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
