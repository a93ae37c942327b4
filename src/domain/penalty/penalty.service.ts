import { randomInt } from 'node:crypto';
import { Types, type FilterQuery } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit, type Actor } from '../audit/audit.service';
import { Complaint } from '../complaint/complaint.model';
import { Staff } from '../staff/staff.model';
import { User } from '../user/user.model';
import { localDay } from '../shared/local-day';
import { Penalty, type PenaltyDoc, type PenaltyFields } from './penalty.model';
import type { PenaltyStatus } from './penalty-kinds';
import { isDuplicateKey } from '../../db/create-once';

type Signer = Actor & { name: string };

export interface NewPenalty {
  complaint?: string;
  subject: { kind: 'staff'; staff: string } | { kind: 'user'; user: string };
  amountFen: number;
  reason: string;
  month?: string;
}

/** 填写处罚单: the complaint officer issues a penalty slip to the responsible worker or agent. */
export async function issuePenalty(input: NewPenalty, actor: Signer, now = new Date()): Promise<PenaltyDoc> {
  if (input.complaint && !(await Complaint.exists({ _id: input.complaint }))) throw new AppError('VALIDATION_FAILED', 'complaint not found', { details: [{ field: 'complaint', message: 'not found' }] });
  const s = input.subject;
  if (s.kind === 'staff' && !(await Staff.exists({ _id: s.staff }))) throw new AppError('VALIDATION_FAILED', 'subject.staff is not a worker of the archive', { details: [{ field: 'subject.staff', message: 'not found' }] });
  if (s.kind === 'user' && !(await User.exists({ _id: s.user }))) throw new AppError('VALIDATION_FAILED', 'subject.user is not a console user', { details: [{ field: 'subject.user', message: 'not found' }] });
  for (let attempt = 0; ; attempt++) {
    try {
      const penalty = await Penalty.create({
        number: `P${localDay(now).replace(/-/g, '')}${String(randomInt(0, 10000)).padStart(4, '0')}`,
        complaint: input.complaint,
        subject: s,
        amountFen: input.amountFen,
        reason: input.reason,
        month: input.month,
        issued: { by: actor.id, name: actor.name, at: now },
        createdAt: now,
      });
      await recordAudit(actor, 'penalty.issue', { type: 'Penalty', id: penalty._id }, { number: penalty.number, amountFen: penalty.amountFen });
      return penalty;
    } catch (err) {
      if (isDuplicateKey(err) && attempt < 5) continue;
      throw err;
    }
  }
}

async function move(id: string, from: PenaltyStatus[], set: Record<string, unknown>, action: string, actor: Actor): Promise<PenaltyDoc> {
  const saved = await Penalty.findOneAndUpdate({ _id: id, status: { $in: from } }, { $set: set }, { new: true, runValidators: true });
  if (!saved) {
    const current = await Penalty.findById(id);
    if (!current) throw new AppError('NOT_FOUND', 'Penalty slip not found');
    throw new AppError('STEP_NOT_ALLOWED', `The penalty slip is ${current.status}`);
  }
  await recordAudit(actor, action, { type: 'Penalty', id: saved._id }, { status: saved.status });
  return saved;
}

export async function getPenalty(id: string): Promise<PenaltyDoc> {
  const p = await Penalty.findById(id);
  if (!p) throw new AppError('NOT_FOUND', 'Penalty slip not found');
  return p;
}

/**
 * 责任人签字: an agent penalised signs their own slip; a worker's signature on the paper slip is
 * recorded by an agent (onPaper). Nobody signs an agent's slip for them.
 */
export async function acknowledgePenalty(id: string, note: string | undefined, actor: Signer, now = new Date()): Promise<PenaltyDoc> {
  const p = await getPenalty(id);
  const own = p.subject?.kind === 'user' && String(p.subject.user) === String(actor.id);
  if (p.subject?.kind === 'user' && !own) throw new AppError('FORBIDDEN', 'Only the agent penalised acknowledges their slip');
  return move(id, ['issued'], { status: 'acknowledged', acknowledged: { by: actor.id, name: actor.name, at: now, note, onPaper: p.subject?.kind === 'staff' } }, 'penalty.acknowledge', actor);
}

/** 总经理签字: the general manager signs it off; it is deducted in `month` (default: the month signed). */
export async function signOffPenalty(id: string, month: string | undefined, actor: Signer, now = new Date()): Promise<PenaltyDoc> {
  const p = await getPenalty(id);
  return move(id, ['acknowledged'], { status: 'signed', month: month ?? p.month ?? localDay(now).slice(0, 7), signedOff: { by: actor.id, name: actor.name, at: now } }, 'penalty.sign', actor);
}

export async function cancelPenalty(id: string, note: string, actor: Signer, now = new Date()): Promise<PenaltyDoc> {
  return move(id, ['issued', 'acknowledged'], { status: 'cancelled', cancelled: { by: actor.id, name: actor.name, at: now, note } }, 'penalty.cancel', actor);
}

export async function listPenalties(f: { status?: PenaltyStatus; month?: string; complaint?: string; user?: string }): Promise<PenaltyDoc[]> {
  const q: FilterQuery<PenaltyFields> = {};
  if (f.status) q.status = f.status;
  if (f.month) q.month = f.month;
  if (f.complaint) q.complaint = new Types.ObjectId(f.complaint);
  if (f.user) q['subject.user'] = new Types.ObjectId(f.user);
  return Penalty.find(q).sort({ createdAt: -1 }).limit(500);
}

/** Names of the people slips are about (workers decrypted from the archive, agents by name and number). */
export async function subjectNames(penalties: PenaltyDoc[]): Promise<Map<string, string>> {
  const staffIds = penalties.flatMap((p) => (p.subject?.staff ? [p.subject.staff] : []));
  const userIds = penalties.flatMap((p) => (p.subject?.user ? [p.subject.user] : []));
  const [staff, users] = await Promise.all([
    staffIds.length ? Staff.find({ _id: { $in: staffIds } }, { name: 1 }) : [],
    userIds.length ? User.find({ _id: { $in: userIds } }, { name: 1, agentNumber: 1 }).lean() : [],
  ]);
  return new Map([...staff.map((s) => [String(s._id), s.name] as const), ...users.map((u) => [String(u._id), `${u.name} (${u.agentNumber})`] as const)]);
}
