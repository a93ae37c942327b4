import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit, type Actor } from '../audit/audit.service';
import { Staff } from '../staff/staff.model';
import { User } from '../user/user.model';
import { getComplaint } from './complaint-list';
import { markFeedback } from './complaint.service';
import type { ComplaintDoc } from './complaint.model';
import { COMPLAINT_STEPS, type ComplaintStatus, type ComplaintStep } from './complaint-kinds';

/** Who takes a step: the user, whether they are a manager, and whether they sign as the general manager. */
export interface StepActor {
  actor: Actor & { name: string };
  manager: boolean;
  generalManager: boolean;
}

export interface StepInput {
  note?: string;
  justified?: boolean;
  reply?: string;
  cause?: string;
  store?: string;
  responsible?: { staff?: string; user?: string; description?: string };
  resolution?: string;
  compensationFen?: number;
  text?: string;
  score?: number;
  comment?: string;
  summary?: string;
  improvement?: string;
}

const need = (value: unknown, field: string) => {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) throw new AppError('VALIDATION_FAILED', `${field} is required for this step`, { details: [{ field, message: 'required' }] });
};

async function responsibleParty(r: StepInput['responsible']) {
  if (!r) return undefined;
  if (r.staff && !(await Staff.exists({ _id: r.staff }))) throw new AppError('VALIDATION_FAILED', 'responsible.staff is not a worker of the archive', { details: [{ field: 'responsible.staff', message: 'not found' }] });
  if (r.user && !(await User.exists({ _id: r.user }))) throw new AppError('VALIDATION_FAILED', 'responsible.user is not a console user', { details: [{ field: 'responsible.user', message: 'not found' }] });
  return { staff: r.staff ? new Types.ObjectId(r.staff) : undefined, user: r.user ? new Types.ObjectId(r.user) : undefined, description: r.description };
}

/** Applies one step to the loaded complaint; returns the state it moves to. */
async function apply(c: ComplaintDoc, step: ComplaintStep, input: StepInput, who: StepActor, now: Date): Promise<ComplaintStatus> {
  const sign = { by: who.actor.id, name: who.actor.name, at: now };
  switch (step) {
    case 'judge':
      need(input.justified, 'justified');
      c.justified = input.justified;
      if (!input.justified) need(input.reply, 'reply');
      c.judgement = { ...sign, reply: input.reply };
      if (!input.justified) markFeedback(c, now);
      return input.justified ? 'investigating' : 'rejected';
    case 'investigate':
      need(input.cause, 'cause');
      c.investigation = { ...sign, cause: input.cause, store: input.store };
      c.set('responsibleParty', await responsibleParty(input.responsible));
      return 'investigated';
    case 'propose':
      need(input.resolution, 'resolution');
      c.resolution = input.resolution;
      if (input.compensationFen !== undefined) c.compensationFen = input.compensationFen;
      c.proposal = sign;
      c.set('approvals', {});
      return 'proposed';
    case 'approve': {
      const approvals = c.approvals ?? {};
      if (!approvals.manager?.at) {
        if (!who.manager) throw new AppError('FORBIDDEN', 'The customer-service manager approves the solution first');
        c.set('approvals.manager', { ...sign, note: input.note });
        if (c.severity !== 'serious') return 'approved';
        // A serious complaint also needs the general manager; one who is both signs both at once.
        if (!who.generalManager) return 'proposed';
      }
      if (!who.generalManager) throw new AppError('FORBIDDEN', 'A serious complaint’s solution is approved by the general manager');
      c.set('approvals.generalManager', { ...sign, note: input.note });
      return 'approved';
    }
    case 'returnProposal':
      need(input.note, 'note');
      c.set('approvals', {});
      return 'investigated';
    case 'inform':
      need(input.text, 'text');
      c.informed = { ...sign, text: input.text };
      markFeedback(c, now);
      return 'informed';
    case 'followUp':
      need(input.score, 'score');
      c.satisfaction = { ...sign, score: input.score, comment: input.comment };
      return 'followed_up';
    case 'close':
      need(input.summary, 'summary');
      c.summary = { ...sign, text: input.summary, improvement: input.improvement };
      c.closedAt = now;
      return 'closed';
  }
}

/**
 * One step of the complaint procedure (complaint-kinds: COMPLAINT_STEPS) by someone allowed to
 * take it, from a state it applies to, with the data it needs (400 naming the field otherwise).
 * The change is saved with the document's version, so two people taking steps at once cannot both
 * win (409); each step lands in the status history and the audit log.
 */
export async function takeComplaintStep(id: string, step: ComplaintStep, input: StepInput, who: StepActor, now = new Date()): Promise<ComplaintDoc> {
  const rule = COMPLAINT_STEPS[step];
  const c = await getComplaint(id);
  const from = c.status as ComplaintStatus;
  if (!(rule.from as readonly string[]).includes(from)) throw new AppError('STEP_NOT_ALLOWED', `“${step}” does not apply to a complaint that is ${from}`);
  if (rule.role === 'manager' && !who.manager && !who.generalManager) throw new AppError('FORBIDDEN', `Only a manager may ${step} a complaint`);
  const to = await apply(c, step, input, who, now);
  c.statusHistory.push({ from, to, by: who.actor.id, note: input.note ?? step, at: now });
  c.status = to;
  if (!c.assignee && who.actor.id && !who.manager) c.assignee = who.actor.id;
  c.increment();
  try {
    await c.save();
  } catch (err) {
    if ((err as { name?: string }).name === 'VersionError') throw new AppError('CONFLICT', undefined, { cause: err });
    throw err;
  }
  await recordAudit(who.actor, `complaint.${step}`, { type: 'Complaint', id: c._id }, { from, to });
  return c;
}

/** 24 小时反馈: progress told to the customer now, with when the next contact is. */
export async function giveComplaintFeedback(id: string, input: { note: string; nextContactAt?: Date }, actor: Actor, now = new Date()): Promise<ComplaintDoc> {
  const c = await getComplaint(id);
  if (c.status === 'closed') throw new AppError('STEP_NOT_ALLOWED', 'The complaint is closed');
  markFeedback(c, now, input.nextContactAt);
  c.statusHistory.push({ from: c.status, to: c.status, by: actor.id, note: input.note, at: now });
  await c.save();
  await recordAudit(actor, 'complaint.feedback', { type: 'Complaint', id: c._id }, { nextContactAt: input.nextContactAt });
  return c;
}
