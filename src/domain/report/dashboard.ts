import { Conversation } from '../conversation/conversation.model';
import { Lead } from '../lead/lead.model';
import { Complaint } from '../complaint/complaint.model';
import { FollowUp } from '../follow-up/follow-up.model';
import { ConversationMetric } from './conversation-metric.model';
import { zonedDateTime } from '../../core/calendar/zoned-time';
import { reportTimeZone } from '../shared/local-day';
import { conversationMatch, mean, perDay, periodOf, share, type ReportFilter } from './report-filter';
import { finesByAgent } from './fines';

const handed = { $cond: [{ $ifNull: ['$waitingSince', false] }, 1, 0] };

/**
 * Conversations of the period in one scan ($match on the date range, then $facet): by channel,
 * day and hour (company time zone), bot-only vs handed off, and the customers' ratings.
 */
export async function conversationFigures(f: ReportFilter) {
  const bucketMs = bucketFor(f);
  const [r = {}] = await Conversation.aggregate([
    { $match: conversationMatch(f) },
    {
      $facet: {
        byChannel: [{ $group: { _id: '$channel', total: { $sum: 1 }, handedOff: { $sum: handed } } }],
        // Hours (or quarter-hours) since the epoch: plain arithmetic per chat, no time-zone work;
        // folded into local days and hours below, right in any zone and across DST.
        byBucket: [{ $group: { _id: { $floor: { $divide: [{ $subtract: ['$createdAt', EPOCH] }, bucketMs] } }, total: { $sum: 1 }, handedOff: { $sum: handed } } }],
        csat: [
          { $match: { 'rating.overall': { $gte: 1 } } },
          { $group: { _id: null, rated: { $sum: 1 }, overall: { $avg: '$rating.overall' }, attitude: { $avg: '$rating.attitude' }, speed: { $avg: '$rating.speed' }, resolution: { $avg: '$rating.resolution' } } },
        ],
      },
    },
  ]);
  const byChannel = ((r.byChannel ?? []) as { _id: string; total: number; handedOff: number }[]).map((x) => ({ channel: x._id, total: x.total, handedOff: x.handedOff })).sort((x, y) => y.total - x.total);
  const total = byChannel.reduce((s, x) => s + x.total, 0);
  const handedOff = byChannel.reduce((s, x) => s + x.handedOff, 0);
  const { days, hours } = foldBuckets((r.byBucket ?? []) as Bucket[], bucketMs);
  const c = r.csat?.[0];
  return {
    conversations: { total, handedOff, botOnly: total - handedOff, byChannel, byDay: perDay(days, f, { total: 0, handedOff: 0 }), byHour: hours },
    csat: { rated: (c?.rated ?? 0) as number, overall: mean(c?.overall), attitude: mean(c?.attitude), speed: mean(c?.speed), resolution: mean(c?.resolution) },
  };
}

type Bucket = { _id: number; total: number; handedOff: number };
const EPOCH = new Date(0);
const HOUR_MS = 3600_000;
const QUARTER_MS = 15 * 60_000;

/** Hours since the epoch, or quarter-hours where the zone is off the hour (India, Nepal…), at the period's start. */
function bucketFor(f: ReportFilter): number {
  const start = periodOf(f).start;
  const local = zonedDateTime(start, reportTimeZone());
  return local.minute === 0 ? HOUR_MS : QUARTER_MS;
}

/** Bucket counts folded into local days and hours of the company's zone (right across DST). */
function foldBuckets(rows: Bucket[], bucketMs: number) {
  const days = new Map<string, { _id: string; total: number; handedOff: number }>();
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, total: 0 }));
  const seen = new Map<number, { day: string; hour: number }>();
  for (const r of rows) {
    let at = seen.get(r._id);
    if (!at) {
      const z = zonedDateTime(new Date(r._id * bucketMs), reportTimeZone());
      at = { day: `${z.year}-${String(z.month).padStart(2, '0')}-${String(z.day).padStart(2, '0')}`, hour: z.hour };
      seen.set(r._id, at);
    }
    const d = days.get(at.day) ?? { _id: at.day, total: 0, handedOff: 0 };
    d.total += r.total;
    d.handedOff += r.handedOff;
    days.set(at.day, d);
    hours[at.hour].total += r.total;
  }
  return { days: [...days.values()], hours };
}

/** First-response and resolution times (business hours) and the share within target, from the metrics. */
export async function slaFigures(f: ReportFilter, targets: { firstResponseSeconds: number; resolutionSeconds: number }) {
  const [r] = await ConversationMetric.aggregate([
    { $match: { ...conversationMatch(f, 'agent'), handedOff: true } },
    {
      $group: {
        _id: null,
        handedOff: { $sum: 1 },
        answered: { $sum: { $cond: [{ $gte: ['$firstResponseSeconds', 0] }, 1, 0] } },
        firstResponseAvg: { $avg: '$firstResponseSeconds' },
        firstWithin: { $sum: { $cond: [{ $eq: ['$firstResponseWithin', true] }, 1, 0] } },
        resolved: { $sum: { $cond: [{ $gte: ['$resolutionSeconds', 0] }, 1, 0] } },
        resolutionAvg: { $avg: '$resolutionSeconds' },
        resolutionWithin: { $sum: { $cond: [{ $eq: ['$resolutionWithin', true] }, 1, 0] } },
      },
    },
  ]);
  return {
    targets,
    handedOff: (r?.handedOff ?? 0) as number,
    answered: (r?.answered ?? 0) as number,
    firstResponseAvgSeconds: r?.firstResponseAvg == null ? undefined : Math.round(r.firstResponseAvg),
    firstResponseWithinShare: share(r?.firstWithin ?? 0, r?.answered ?? 0),
    resolved: (r?.resolved ?? 0) as number,
    resolutionAvgSeconds: r?.resolutionAvg == null ? undefined : Math.round(r.resolutionAvg),
    resolutionWithinShare: share(r?.resolutionWithin ?? 0, r?.resolved ?? 0),
  };
}

/** Leads of the period by channel (with signed) and by funnel stage. */
export async function leadFigures(f: ReportFilter) {
  const { start, end } = periodOf(f);
  const [r = { byChannel: [], byStatus: [] }] = await Lead.aggregate([
    { $match: { createdAt: { $gte: start, $lt: end }, ...(f.channel ? { sourceChannel: f.channel } : {}) } },
    {
      $facet: {
        byChannel: [{ $group: { _id: '$sourceChannel', total: { $sum: 1 }, signed: { $sum: { $cond: [{ $eq: ['$status', 'signed'] }, 1, 0] } }, lost: { $sum: { $cond: [{ $eq: ['$status', 'lost'] }, 1, 0] } } } }, { $sort: { total: -1 } }],
        byStatus: [{ $group: { _id: '$status', total: { $sum: 1 } } }],
      },
    },
  ]);
  const byChannel = (r.byChannel as { _id: string; total: number; signed: number; lost: number }[]).map((x) => ({ channel: x._id, total: x.total, signed: x.signed, lost: x.lost, conversion: share(x.signed, x.total) }));
  return { total: byChannel.reduce((s, x) => s + x.total, 0), byChannel, byStatus: (r.byStatus as { _id: string; total: number }[]).map((x) => ({ status: x._id, total: x.total })) };
}

/** Complaints of the period by severity, category and state, and how many are past their feedback deadline. */
export async function complaintFigures(f: ReportFilter, now: Date) {
  const { start, end } = periodOf(f);
  const [r = { bySeverity: [], byCategory: [], byStatus: [], overdue: [], escalated: [] }] = await Complaint.aggregate([
    { $match: { createdAt: { $gte: start, $lt: end }, ...(f.channel ? { channel: f.channel } : {}) } },
    {
      $facet: {
        bySeverity: [{ $group: { _id: '$severity', total: { $sum: 1 } } }],
        byCategory: [{ $group: { _id: '$category', total: { $sum: 1 } } }, { $sort: { total: -1 } }],
        byStatus: [{ $group: { _id: '$status', total: { $sum: 1 } } }],
        overdue: [{ $match: { status: { $ne: 'closed' }, feedbackDueAt: { $lt: now } } }, { $count: 'n' }],
        escalated: [{ $match: { escalatedFor: { $ne: null } } }, { $count: 'n' }],
      },
    },
  ]);
  const rows = (x: { _id: string; total: number }[]) => x.map((y) => ({ key: y._id, total: y.total }));
  const bySeverity = rows(r.bySeverity);
  return { total: bySeverity.reduce((s, x) => s + x.total, 0), bySeverity, byCategory: rows(r.byCategory), byStatus: rows(r.byStatus), overdue: (r.overdue[0]?.n ?? 0) as number, escalated: (r.escalated[0]?.n ?? 0) as number };
}

/** Follow-up visits done in the period: how many, the mean scores, by reason. */
export async function followUpFigures(f: ReportFilter) {
  const { start, end } = periodOf(f);
  const [r = { all: [], byReason: [] }] = await FollowUp.aggregate([
    { $match: { status: 'done', completedAt: { $gte: start, $lt: end } } },
    {
      $facet: {
        all: [{ $group: { _id: null, done: { $sum: 1 }, attitude: { $avg: '$scores.attitude' }, speed: { $avg: '$scores.speed' }, resolution: { $avg: '$scores.resolution' }, low: { $sum: { $cond: [{ $ifNull: ['$complaint', false] }, 1, 0] } } } }],
        byReason: [{ $group: { _id: { reason: '$reason', target: '$targetType' }, done: { $sum: 1 }, attitude: { $avg: '$scores.attitude' } } }],
      },
    },
  ]);
  const a = r.all[0];
  return {
    done: (a?.done ?? 0) as number,
    lowScores: (a?.low ?? 0) as number,
    attitude: mean(a?.attitude),
    speed: mean(a?.speed),
    resolution: mean(a?.resolution),
    byReason: (r.byReason as { _id: { reason: string; target: string }; done: number; attitude?: number }[]).map((x) => ({ reason: x._id.reason, targetType: x._id.target, done: x.done, attitude: mean(x.attitude) })),
  };
}

/** The dashboard: every figure of the period, each from one aggregation. */
export async function dashboard(f: ReportFilter, targets: { firstResponseSeconds: number; resolutionSeconds: number }, now = new Date()) {
  const [conv, sla, leads, complaints, followUps, fines] = await Promise.all([conversationFigures(f), slaFigures(f, targets), leadFigures(f), complaintFigures(f, now), followUpFigures(f), finesByAgent(f)]);
  return { period: { from: f.from, to: f.to }, ...conv, sla, leads, complaints, followUps, fines };
}
