import type { Types } from 'mongoose';
import type { BusinessHours } from '../../core/calendar/business-hours';
import { Conversation, type ConversationFields } from '../conversation/conversation.model';
import { reportTimeZone } from '../shared/local-day';
import { businessSeconds } from './business-time';
import { ConversationMetric } from './conversation-metric.model';

export interface SlaSettings {
  hours: BusinessHours;
  firstResponseSeconds: number;
  resolutionSeconds: number;
}

type Closed = Pick<ConversationFields, 'channel' | 'assignee' | 'waitingSince' | 'firstHumanResponseAt' | 'closedAt' | 'createdAt'> & { _id: Types.ObjectId };

/** The metric of one closed conversation. */
export function metricOf(c: Closed, sla: SlaSettings, tz = reportTimeZone()) {
  const handedOff = !!c.waitingSince;
  const begin = c.waitingSince ?? c.createdAt;
  const first = c.waitingSince && c.firstHumanResponseAt ? businessSeconds(sla.hours, c.waitingSince, c.firstHumanResponseAt, tz) : undefined;
  const resolution = begin && c.closedAt ? businessSeconds(sla.hours, begin, c.closedAt, tz) : undefined;
  return {
    _id: c._id,
    channel: c.channel,
    agent: c.assignee ?? undefined,
    createdAt: c.createdAt,
    closedAt: c.closedAt ?? undefined,
    handedOff,
    firstResponseSeconds: first,
    resolutionSeconds: resolution,
    firstResponseWithin: first === undefined ? undefined : first <= sla.firstResponseSeconds,
    resolutionWithin: resolution === undefined ? undefined : resolution <= sla.resolutionSeconds,
  };
}

/** Stores (or replaces) the metric of a closed conversation. */
export async function recordMetric(conversationId: Types.ObjectId | string, sla: SlaSettings): Promise<void> {
  const c = await Conversation.findById(conversationId, { channel: 1, assignee: 1, waitingSince: 1, firstHumanResponseAt: 1, closedAt: 1, createdAt: 1, status: 1 }).lean();
  if (!c || c.status !== 'closed' || !c.createdAt) return;
  const m = metricOf(c as Closed, sla);
  await ConversationMetric.replaceOne({ _id: m._id }, m, { upsert: true });
}

/**
 * Catches up on conversations closed in the last `days` days with no metric (a close the listener
 * missed: a crash, another instance without it). Returns how many were computed.
 */
export async function backfillMetrics(sla: SlaSettings, now = new Date(), days = 3): Promise<number> {
  const since = new Date(now.getTime() - days * 86400_000);
  const closed = await Conversation.find({ closedAt: { $gte: since } }, { _id: 1 }).lean();
  if (!closed.length) return 0;
  const have = new Set((await ConversationMetric.find({ _id: { $in: closed.map((c) => c._id) } }, { _id: 1 }).lean()).map((m) => String(m._id)));
  let n = 0;
  for (const c of closed) {
    if (have.has(String(c._id))) continue;
    await recordMetric(c._id, sla);
    n++;
  }
  return n;
}
