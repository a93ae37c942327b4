import { Types, type FilterQuery } from 'mongoose';
import { AppError } from '../../errors';
import { FollowUp, type FollowUpDoc, type FollowUpFields } from './follow-up.model';
import { Conversation } from '../conversation/conversation.model';
import type { FollowUpReason } from './follow-up-kinds';
import { createComplaint } from '../complaint/complaint.service';
import { recordAudit, type Actor } from '../audit/audit.service';
import { dayStart } from '../shared/day-range';
import { localDay } from '../shared/local-day';
import { announce } from '../shared/notices';
import type { ChannelId } from '../../core/message';
import { isDuplicateKey } from '../../db/create-once';

/** A score at or below this opens a complaint (a dissatisfied customer is followed up). */
export const LOW_SCORE = 2;

export interface SurveyAnswers {
  attitude: number;
  speed: number;
  resolution: number;
  comment?: string;
}

/** A low score: a customer's opens a general complaint; a worker's tells the managers. */
async function onLowScore(followUp: FollowUpDoc, answers: SurveyAnswers, channel: ChannelId, actor: Actor, complaintId?: string): Promise<string | undefined> {
  if (Math.min(answers.attitude, answers.speed, answers.resolution) > LOW_SCORE) return undefined;
  if (followUp.targetType === 'staff' || !followUp.customer) {
    announce({ kind: 'followup.low_score', params: { score: Math.min(answers.attitude, answers.speed, answers.resolution) }, managers: true, link: { page: 'follow-ups', params: [String(followUp._id)] } });
    return undefined;
  }
  const complaint = await createComplaint(
    {
      customer: String(followUp.customer),
      channel,
      severity: 'general',
      category: answers.attitude <= LOW_SCORE ? 'attitude' : 'other',
      description: `回访低分 / low follow-up score (attitude ${answers.attitude}, speed ${answers.speed}, resolution ${answers.resolution})${answers.comment ? `: ${answers.comment}` : ''}`,
    },
    actor,
    undefined,
    { id: complaintId },
  );
  followUp.complaint = complaint._id;
  return String(complaint._id);
}

/**
 * Stores a satisfaction survey on its follow-up and closes it; a low score opens a general
 * complaint carrying the comment, linked from the follow-up (opened once under `options.complaintId`).
 */
export async function recordSurvey(followUpId: string, answers: SurveyAnswers, channel: ChannelId, actor: Actor, options: { complaintId?: string } = {}): Promise<{ followUp: FollowUpDoc; complaintId?: string }> {
  const followUp = await FollowUp.findById(followUpId);
  if (!followUp) throw new AppError('NOT_FOUND', `follow-up ${followUpId} not found`);
  followUp.set({ scores: { attitude: answers.attitude, speed: answers.speed, resolution: answers.resolution }, comment: answers.comment, status: 'done', completedAt: new Date(), via: channel });
  await followUp.validate();
  const complaintId = await onLowScore(followUp, answers, channel, actor, options.complaintId);
  await followUp.save();
  await recordAudit(actor, 'followup.survey', { type: 'FollowUp', id: followUp._id }, { scores: followUp.scores, complaint: complaintId });
  return { followUp, complaintId };
}

export interface NewFollowUp {
  targetType: 'customer' | 'staff';
  customer?: string;
  staff?: string;
  contract?: string;
  order?: string;
  dueAt: Date;
  reason?: FollowUpReason;
  via?: string;
  /** 'follow-up-survey': the bot sends its survey on the customer's channel; else an agent calls. */
  script?: string;
  assignee?: string;
  notes?: string;
  ruleKey?: string;
}

/** Schedules a visit; one with the `ruleKey` of an existing one returns that one (a rule applied twice). */
export async function scheduleFollowUp(input: NewFollowUp, actor: Actor): Promise<FollowUpDoc> {
  try {
    const followUp = await FollowUp.create({ ...input, script: input.script ?? (input.targetType === 'customer' ? 'follow-up-survey' : 'staff-visit') });
    await recordAudit(actor, 'followup.schedule', { type: 'FollowUp', id: followUp._id }, { reason: followUp.reason, targetType: followUp.targetType });
    return followUp;
  } catch (err) {
    if (!isDuplicateKey(err) || !input.ruleKey) throw err;
    const existing = await FollowUp.findOne({ ruleKey: input.ruleKey });
    if (!existing) throw err;
    return existing;
  }
}

export type FollowUpView = 'due_today' | 'overdue' | 'scheduled' | 'done' | 'all';

/** The work lists: due today and overdue (local days), all scheduled, or the archive of results. */
export async function listFollowUps(f: { view: FollowUpView; targetType?: 'customer' | 'staff'; customer?: string; staff?: string; limit?: number }, now = new Date()): Promise<FollowUpDoc[]> {
  const today = localDay(now);
  const pending = { status: { $in: ['scheduled', 'in_progress'] } };
  const filter: FilterQuery<FollowUpFields> = {};
  if (f.view === 'due_today') Object.assign(filter, pending, { dueAt: { $gte: dayStart(today), $lt: dayStart(today, 1) } });
  if (f.view === 'overdue') Object.assign(filter, pending, { dueAt: { $lt: dayStart(today) } });
  if (f.view === 'scheduled') Object.assign(filter, pending);
  if (f.view === 'done') Object.assign(filter, { status: 'done' });
  if (f.targetType) filter.targetType = f.targetType;
  if (f.customer) filter.customer = new Types.ObjectId(f.customer);
  if (f.staff) filter.staff = new Types.ObjectId(f.staff);
  return FollowUp.find(filter).sort(f.view === 'done' ? { completedAt: -1 } : { dueAt: 1 }).limit(f.limit ?? 300);
}

export async function getFollowUp(id: string): Promise<FollowUpDoc> {
  const followUp = await FollowUp.findById(id);
  if (!followUp) throw new AppError('NOT_FOUND', 'Follow-up not found');
  return followUp;
}

export interface FollowUpResult {
  via: string;
  result: string;
  scores?: { attitude: number; speed: number; resolution: number };
  comment?: string;
}

/** The channel a complaint from a visit is filed under: the customer's latest chat (a call has none). */
async function channelOf(followUp: FollowUpDoc): Promise<ChannelId> {
  const latest = followUp.customer ? await Conversation.findOne({ customer: followUp.customer }, { channel: 1 }).sort({ lastMessageAt: -1 }).lean() : null;
  return (latest?.channel as ChannelId | undefined) ?? 'api';
}

/** An agent's visit by phone (or visit, SMS…), recorded and archived; a low score is acted on as the bot's is. */
export async function recordFollowUpResult(id: string, r: FollowUpResult, actor: Actor & { name: string }): Promise<{ followUp: FollowUpDoc; complaintId?: string }> {
  const followUp = await getFollowUp(id);
  if (followUp.status === 'done' || followUp.status === 'cancelled') throw new AppError('STEP_NOT_ALLOWED', `The follow-up is already ${followUp.status}`);
  followUp.set({ via: r.via, result: r.result, comment: r.comment, status: 'done', completedAt: new Date(), recordedBy: { id: actor.id, name: actor.name } });
  if (r.scores) followUp.set('scores', r.scores);
  await followUp.validate();
  const complaintId = r.scores ? await onLowScore(followUp, { ...r.scores, comment: r.comment }, await channelOf(followUp), actor) : undefined;
  await followUp.save();
  await recordAudit(actor, 'followup.result', { type: 'FollowUp', id: followUp._id }, { via: r.via, scores: r.scores, complaint: complaintId });
  return { followUp, complaintId };
}

/** Cancels a visit not made yet, or marks it missed (the person could not be reached). */
export async function closeFollowUp(id: string, to: 'cancelled' | 'missed', note: string, actor: Actor): Promise<FollowUpDoc> {
  const followUp = await FollowUp.findOneAndUpdate({ _id: id, status: { $in: ['scheduled', 'in_progress'] } }, { $set: { status: to, result: note, completedAt: new Date() } }, { new: true });
  if (!followUp) {
    await getFollowUp(id);
    throw new AppError('STEP_NOT_ALLOWED', 'Only a scheduled follow-up can be cancelled or marked missed');
  }
  await recordAudit(actor, `followup.${to}`, { type: 'FollowUp', id: followUp._id }, { note });
  return followUp;
}
