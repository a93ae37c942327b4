import { randomInt } from 'node:crypto';
import type { ChannelId } from '../../core/message';
import { normalizeForMatching } from '../../core/text/normalize';
import { AppError } from '../../errors';
import { localDay } from '../shared/local-day';
import { announce } from '../shared/notices';
import { Complaint, type ComplaintDoc, COMPLAINT_STATUSES } from './complaint.model';
import type { ComplaintCategory } from './complaint-kinds';
import { recordAudit, type Actor } from '../audit/audit.service';
import { attachConversationPictures } from './complaint-evidence';
import { createOnce } from '../../db/create-once';

export { listComplaints, getComplaint, type ComplaintFilter } from './complaint-list';

type Category = ComplaintCategory;

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

async function complaintNumber(now: Date): Promise<string> {
  for (let i = 0; i < 5; i++) {
    const number = `C${localDay(now).replace(/-/g, '')}${String(randomInt(0, 10000)).padStart(4, '0')}`;
    if (!(await Complaint.exists({ number }))) return number;
  }
  return `C${localDay(now).replace(/-/g, '')}${String(randomInt(0, 10000)).padStart(4, '0')}`;
}

/**
 * Accepts a complaint (受理) with its 24-hour feedback deadline and the first status entry. A
 * serious one (严重投诉) alerts the managers at once: in the console and on WeCom or e-mail.
 * Under `options.id` it is accepted once, however often its creator runs.
 */
export async function createComplaint(input: NewComplaint, actor: Actor, now = new Date(), options: { id?: string } = {}): Promise<ComplaintDoc> {
  return createOnce(options.id, (id) => Complaint.findById(id), () => acceptComplaint(input, actor, now, options.id));
}

async function acceptComplaint(input: NewComplaint, actor: Actor, now: Date, id: string | undefined): Promise<ComplaintDoc> {
  const complaint = await Complaint.create({
    ...(id ? { _id: id } : {}),
    ...input,
    number: await complaintNumber(now),
    category: input.category ?? classifyComplaint(input.description).category,
    status: 'accepted',
    assignee: actor.type === 'user' ? actor.id : undefined,
    createdAt: now,
    statusHistory: [{ to: 'accepted', at: now, by: actor.id, note: `${input.severity} complaint accepted` }],
  });
  await recordAudit(actor, 'complaint.create', { type: 'Complaint', id: complaint._id }, { severity: complaint.severity, number: complaint.number });
  // 证据: the photos the customer already sent in the conversation (issue 13).
  await attachConversationPictures(complaint);
  if (complaint.severity === 'serious') {
    announce({
      kind: 'complaint.serious',
      params: { number: complaint.number ?? '', category: complaint.category, description: complaint.description.slice(0, 200) },
      managers: true,
      alert: true,
      link: { page: 'complaints', params: [String(complaint._id)] },
    });
  }
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

/**
 * Edits a complaint's details, records progress feedback and the next contact (which moves the
 * feedback deadline), and assigns the handler. The one status change allowed here is the plain
 * judgement "justified" (accepted → investigating); every other step of the procedure has its
 * own rules and data (complaint-steps.ts).
 */
export async function updateComplaint(id: string, changes: ComplaintChanges, actor: Actor, now = new Date()): Promise<ComplaintDoc> {
  const complaint = await Complaint.findById(id);
  if (!complaint) throw new AppError('NOT_FOUND', 'Complaint not found');
  if (complaint.status === 'closed') throw new AppError('STEP_NOT_ALLOWED', 'The complaint is closed');
  const { status, note, feedbackGiven, assignee, nextContactAt, ...fields } = changes;
  if (status && status !== complaint.status && !(complaint.status === 'accepted' && status === 'investigating')) {
    throw new AppError('STEP_NOT_ALLOWED', `A complaint goes from ${complaint.status} to ${status} only through its procedure step`, { details: [{ field: 'status', message: 'use the complaint step' }] });
  }
  complaint.set(fields);
  if (status === 'investigating' && complaint.status === 'accepted') complaint.justified = true;
  if (assignee !== undefined) complaint.set('assignee', assignee ?? undefined);
  if (nextContactAt) complaint.nextContactAt = nextContactAt;
  if (feedbackGiven) markFeedback(complaint, now, nextContactAt);
  if ((status && status !== complaint.status) || note) {
    complaint.statusHistory.push({ from: complaint.status, to: status ?? complaint.status, by: actor.id, note, at: now });
  }
  if (status) complaint.status = status;
  await complaint.save();
  await recordAudit(actor, 'complaint.update', { type: 'Complaint', id: complaint._id }, changes);
  return complaint;
}

/** Progress feedback given now: the next is due at the promised contact, else 24 hours on. */
export function markFeedback(complaint: ComplaintDoc, now: Date, nextContactAt?: Date | null): void {
  complaint.lastFeedbackAt = now;
  if (nextContactAt) complaint.nextContactAt = nextContactAt;
  complaint.feedbackDueAt = nextContactAt && nextContactAt > now ? nextContactAt : new Date(now.getTime() + 24 * 3600_000);
}

/**
 * The 24-hour rule on a fixed clock: open complaints whose feedback falls due within `remindMs`
 * remind their handler (or the managers) once per deadline; those past it are escalated to the
 * managers once per deadline, in the console and on the alert channels. Each is claimed by a
 * compare-and-set on the deadline it is about, so two runs never tell twice.
 */
export async function sweepComplaintDeadlines(now: Date, remindMs: number): Promise<{ reminded: number; escalated: number }> {
  const soon = new Date(now.getTime() + remindMs);
  const open = { status: { $ne: 'closed' } };
  let reminded = 0;
  let escalated = 0;
  for (const c of await Complaint.find({ ...open, feedbackDueAt: { $gt: now, $lte: soon } }).limit(500)) {
    const claimed = await Complaint.updateOne({ _id: c._id, feedbackDueAt: c.feedbackDueAt, remindedFor: { $ne: c.feedbackDueAt } }, { $set: { remindedFor: c.feedbackDueAt } });
    if (!claimed.modifiedCount) continue;
    reminded++;
    announce({
      kind: 'complaint.due_soon',
      params: { number: c.number ?? '', minutes: Math.max(1, Math.round((c.feedbackDueAt.getTime() - now.getTime()) / 60_000)) },
      users: c.assignee ? [String(c.assignee)] : [],
      managers: !c.assignee,
      link: { page: 'complaints', params: [String(c._id)] },
    });
  }
  for (const c of await Complaint.find({ ...open, feedbackDueAt: { $lte: now } }).limit(500)) {
    const claimed = await Complaint.updateOne(
      { _id: c._id, feedbackDueAt: c.feedbackDueAt, escalatedFor: { $ne: c.feedbackDueAt } },
      { $set: { escalatedFor: c.feedbackDueAt }, $push: { statusHistory: { from: c.status, to: c.status, at: now, note: 'feedback deadline passed: escalated to the managers' } } },
    );
    if (!claimed.modifiedCount) continue;
    escalated++;
    announce({
      kind: 'complaint.overdue',
      params: { number: c.number ?? '', hours: Math.max(0, Math.round((now.getTime() - c.feedbackDueAt.getTime()) / 3600_000)) },
      managers: true,
      users: c.assignee ? [String(c.assignee)] : [],
      alert: true,
      link: { page: 'complaints', params: [String(c._id)] },
    });
  }
  return { reminded, escalated };
}
