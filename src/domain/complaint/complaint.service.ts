import type { ChannelId } from '../../core/message';
import { normalizeForMatching } from '../../core/text/normalize';
import { AppError } from '../../errors';
import { Complaint, type ComplaintDoc, COMPLAINT_CATEGORIES, COMPLAINT_STATUSES } from './complaint.model';
import { recordAudit, type Actor } from '../audit/audit.service';

type Category = (typeof COMPLAINT_CATEGORIES)[number];

/** Words that make a complaint serious (严重投诉: property loss, theft, damage, injury, police). */
const SERIOUS: [Category, string[]][] = [
  ['theft', ['偷', '盗', '被拿走', 'stole', 'stolen', 'theft', 'rob']],
  ['property_loss', ['丢失', '丢了', '不见了', '遗失', 'missing', 'lost']],
  ['damage', ['损坏', '弄坏', '打碎', '打坏', '摔坏', 'broke', 'broken', 'damage']],
  ['injury', ['受伤', '伤害', '打人', '流血', 'injur', 'hurt', 'bleeding']],
  ['other', ['报警', '警察', 'police']],
];
const GENERAL: [Category, string[]][] = [
  ['attitude', ['态度', '不礼貌', '凶', '骂', 'rude', 'attitude', 'impolite']],
  ['delivery', ['快递', '物流', '没收到', '发货', 'delivery', 'shipping', 'courier']],
  ['quality', ['质量', '假', '坏了', 'quality', 'fake', 'defect']],
  ['billing', ['收费', '多收', '退款', '发票', 'refund', 'charge', 'invoice']],
];
const SERIOUS_NORMALIZED = SERIOUS.map(([c, words]) => [c, words.map(normalizeForMatching)] as const);
const GENERAL_NORMALIZED = GENERAL.map(([c, words]) => [c, words.map(normalizeForMatching)] as const);

/** Classifies a description: serious when it speaks of loss, theft, damage, injury or police. */
export function classifyComplaint(description: string): { severity: 'general' | 'serious'; category: Category } {
  const text = normalizeForMatching(description);
  for (const [category, words] of SERIOUS_NORMALIZED) if (words.some((w) => text.includes(w))) return { severity: 'serious', category };
  for (const [category, words] of GENERAL_NORMALIZED) if (words.some((w) => text.includes(w))) return { severity: 'general', category };
  return { severity: 'general', category: 'other' };
}

export interface NewComplaint {
  customer: string;
  conversation?: string;
  channel: ChannelId;
  severity: 'general' | 'serious';
  category?: Category;
  description: string;
  occurredAt?: string;
  involved?: string;
  contactPhone?: string;
}

/** Accepts a complaint (受理) with its 24-hour feedback deadline and the first status entry. */
export async function createComplaint(input: NewComplaint, actor: Actor): Promise<ComplaintDoc> {
  const complaint = await Complaint.create({
    ...input,
    category: input.category ?? classifyComplaint(input.description).category,
    status: 'accepted',
    statusHistory: [{ to: 'accepted', note: `${input.severity} complaint accepted` }],
  });
  await recordAudit(actor, 'complaint.create', { type: 'Complaint', id: complaint._id }, { severity: complaint.severity });
  return complaint;
}

export interface ComplaintChanges {
  status?: (typeof COMPLAINT_STATUSES)[number];
  justified?: boolean;
  resolution?: string;
  nextContactAt?: Date;
  /** The customer was given progress feedback now (the 24-hour rule). */
  feedbackGiven?: boolean;
  assignee?: string | null;
  note?: string;
}

/** Moves a complaint along (accept → investigate → propose → resolve → close), keeping the history. */
export async function updateComplaint(id: string, changes: ComplaintChanges, actor: Actor): Promise<ComplaintDoc> {
  const complaint = await Complaint.findById(id);
  if (!complaint) throw new AppError('NOT_FOUND', 'Complaint not found');
  const { status, note, feedbackGiven, assignee, ...fields } = changes;
  complaint.set(fields);
  if (assignee !== undefined) complaint.set('assignee', assignee ?? undefined);
  if (feedbackGiven) complaint.lastFeedbackAt = new Date();
  if ((status && status !== complaint.status) || note) {
    complaint.statusHistory.push({ from: complaint.status, to: status ?? complaint.status, by: actor.id, note, at: new Date() });
  }
  if (status) complaint.status = status;
  await complaint.save();
  await recordAudit(actor, 'complaint.update', { type: 'Complaint', id: complaint._id }, changes);
  return complaint;
}
