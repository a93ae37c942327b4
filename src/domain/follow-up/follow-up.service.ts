import { AppError } from '../../errors';
import { FollowUp, type FollowUpDoc } from './follow-up.model';
import { createComplaint } from '../complaint/complaint.service';
import { recordAudit, type Actor } from '../audit/audit.service';
import type { ChannelId } from '../../core/message';

/** A score at or below this opens a complaint (a dissatisfied customer is followed up). */
export const LOW_SCORE = 2;

export interface SurveyAnswers {
  attitude: number;
  speed: number;
  resolution: number;
  comment?: string;
}

/**
 * Stores a satisfaction survey on its follow-up and closes it; a low score opens a general
 * complaint carrying the comment, linked from the follow-up.
 */
export async function recordSurvey(followUpId: string, answers: SurveyAnswers, channel: ChannelId, actor: Actor): Promise<{ followUp: FollowUpDoc; complaintId?: string }> {
  const followUp = await FollowUp.findById(followUpId);
  if (!followUp) throw new AppError('NOT_FOUND', `follow-up ${followUpId} not found`);
  followUp.set({ scores: { attitude: answers.attitude, speed: answers.speed, resolution: answers.resolution }, comment: answers.comment, status: 'done', completedAt: new Date(), via: channel });
  await followUp.validate();
  let complaintId: string | undefined;
  const low = Math.min(answers.attitude, answers.speed, answers.resolution) <= LOW_SCORE;
  if (low && followUp.customer) {
    const complaint = await createComplaint(
      {
        customer: String(followUp.customer),
        channel,
        severity: 'general',
        category: answers.attitude <= LOW_SCORE ? 'attitude' : 'other',
        description: `回访低分 / low follow-up score (attitude ${answers.attitude}, speed ${answers.speed}, resolution ${answers.resolution})${answers.comment ? `: ${answers.comment}` : ''}`,
      },
      actor,
    );
    followUp.complaint = complaint._id;
    complaintId = String(complaint._id);
  }
  await followUp.save();
  await recordAudit(actor, 'followup.survey', { type: 'FollowUp', id: followUp._id }, { scores: followUp.scores, complaint: complaintId });
  return { followUp, complaintId };
}
