import { Types, type FilterQuery } from 'mongoose';
import { AppError } from '../../errors';
import { literalPattern } from '../shared/text-search';
import { Complaint, type ComplaintDoc, type ComplaintFields } from './complaint.model';
import type { ComplaintCategory, ComplaintStatus } from './complaint-kinds';

export interface ComplaintFilter {
  /** open: not closed (by deadline, the nearest first); overdue: past the feedback deadline; mine: assigned to me; closed. */
  view?: 'open' | 'overdue' | 'mine' | 'closed' | 'all';
  status?: ComplaintStatus;
  severity?: 'general' | 'serious';
  category?: ComplaintCategory;
  customer?: string;
  q?: string;
  me?: string;
  limit?: number;
}

/** The complaint register (投诉事故处理统计表) as a work list. */
export async function listComplaints(f: ComplaintFilter, now = new Date()): Promise<ComplaintDoc[]> {
  const and: FilterQuery<ComplaintFields>[] = [];
  const view = f.view ?? 'open';
  if (view === 'open' || view === 'overdue' || view === 'mine') and.push({ status: { $ne: 'closed' } });
  if (view === 'closed') and.push({ status: 'closed' });
  if (view === 'overdue') and.push({ feedbackDueAt: { $lte: now } });
  if (view === 'mine' && f.me) and.push({ assignee: new Types.ObjectId(f.me) });
  if (f.status) and.push({ status: f.status });
  if (f.severity) and.push({ severity: f.severity });
  if (f.category) and.push({ category: f.category });
  if (f.customer) and.push({ customer: new Types.ObjectId(f.customer) });
  if (f.q?.trim()) and.push({ $or: [{ number: f.q.trim().toUpperCase() }, { description: literalPattern(f.q) }] });
  const sort: Record<string, 1 | -1> = view === 'closed' || view === 'all' ? { createdAt: -1, _id: -1 } : { feedbackDueAt: 1, _id: 1 };
  const items = await Complaint.find(and.length ? { $and: and } : {}).sort(sort).limit(f.limit ?? 200);
  // Serious ones first in the work lists, each group by its deadline.
  return view === 'closed' || view === 'all' ? items : items.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'serious' ? -1 : 1));
}

export async function getComplaint(id: string | Types.ObjectId): Promise<ComplaintDoc> {
  const complaint = await Complaint.findById(id);
  if (!complaint) throw new AppError('NOT_FOUND', 'Complaint not found');
  return complaint;
}
