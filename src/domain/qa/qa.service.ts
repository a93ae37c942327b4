import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit, type Actor } from '../audit/audit.service';
import { Conversation } from '../conversation/conversation.model';
import { dayStart, isoWeek, weekMonday } from '../shared/day-range';
import { localDay } from '../shared/local-day';
import { QaReview, type QaReviewDoc } from './qa-review.model';
import { QA_ITEMS, type QaItem } from './qa-kinds';
import { isDuplicateKey } from '../../db/create-once';

/** Up to `n` of the items, drawn at random (Fisher–Yates on a copy). */
function sample<T>(items: T[], n: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

/**
 * The weekly spot check: of the chats each agent closed in the week before `now`'s (Monday to
 * Sunday, local), `perAgent` drawn at random wait for a manager's score. Run twice, it adds none
 * (one review per week and chat, at most `perAgent` per agent).
 */
export async function sampleWeek(now: Date, perAgent: number): Promise<{ week: string; sampled: number }> {
  const monday = weekMonday(localDay(now), -1);
  const week = isoWeek(monday);
  const closed = await Conversation.find({ closedAt: { $gte: dayStart(monday), $lt: dayStart(monday, 7) }, assignee: { $ne: null } }, { assignee: 1, closedAt: 1 }).lean();
  const byAgent = new Map<string, typeof closed>();
  for (const c of closed) byAgent.set(String(c.assignee), [...(byAgent.get(String(c.assignee)) ?? []), c]);
  let sampled = 0;
  for (const [agent, chats] of byAgent) {
    // Run again, it only tops up an agent's sample to `perAgent`.
    const have = await QaReview.find({ week, agent: new Types.ObjectId(agent) }, { conversation: 1 }).lean();
    const taken = new Set(have.map((r) => String(r.conversation)));
    for (const c of sample(chats.filter((x) => !taken.has(String(x._id))), Math.max(0, perAgent - have.length))) {
      try {
        await QaReview.create({ key: `${week}:${String(c._id)}`, week, agent: new Types.ObjectId(agent), conversation: c._id, closedAt: c.closedAt });
        sampled++;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
  }
  return { week, sampled };
}

export async function listQaReviews(f: { week?: string; agent?: string; status?: 'pending' | 'scored' }): Promise<QaReviewDoc[]> {
  const q: Record<string, unknown> = {};
  if (f.week) q.week = f.week;
  if (f.agent) q.agent = new Types.ObjectId(f.agent);
  if (f.status) q.status = f.status;
  return QaReview.find(q).sort({ week: -1, agent: 1, closedAt: 1 }).limit(500);
}

/** A manager scores a sampled chat on the scorecard, with a comment; a score may be corrected later. */
export async function scoreQaReview(id: string, input: { scores: Record<QaItem, number>; comment?: string }, actor: Actor & { name: string }): Promise<QaReviewDoc> {
  const review = await QaReview.findById(id);
  if (!review) throw new AppError('NOT_FOUND', 'QA review not found');
  const values = QA_ITEMS.map((i) => input.scores[i]);
  review.set({ scores: input.scores, total: Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100, comment: input.comment, status: 'scored', scoredAt: new Date(), reviewer: { id: actor.id, name: actor.name } });
  await review.save();
  await recordAudit(actor, 'qa.score', { type: 'QaReview', id: review._id }, { total: review.total });
  return review;
}
