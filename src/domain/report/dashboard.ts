import { Conversation } from '../conversation/conversation.model';
import { Lead } from '../lead/lead.model';
import { Complaint } from '../complaint/complaint.model';
import { FollowUp } from '../follow-up/follow-up.model';
import { ConversationMetric } from './conversation-metric.model';
import { conversationMatch, localPart, mean, perDay, periodOf, share, type ReportFilter } from './report-filter';
import { finesByAgent } from './fines';

const handed = { $cond: [{ $ifNull: ['$waitingSince', false] }, 1, 0] };

/**
 * Conversations of the period in one scan ($match on the date range, then $facet): by channel,
 * day and hour (company time zone), bot-only vs handed off, and the customers' ratings.
 */
export async function conversationFigures(f: ReportFilter) {
  const [r] = await Conversation.aggregate([
    { $match: conversationMatch(f) },
    {
      $facet: {
        total: [{ $group: { _id: null, total: { $sum: 1 }, handedOff: { $sum: handed } } }],
        byChannel: [{ $group: { _id: '$channel', total: { $sum: 1 }, handedOff: { $sum: handed } } }, { $sort: { total: -1 } }],
        byDay: [{ $group: { _id: localPart('$createdAt', '%Y-%m-%d'), total: { $sum: 1 }, handedOff: { $sum: handed } } }],
        byHour: [{ $group: { _id: localPart('$createdAt', '%H'), total: { $sum: 1 } } }],
        csat: [
          { $match: { 'rating.overall': { $gte: 1 } } },
          { $group: { _id: null, rated: { $sum: 1 }, overall: { $avg: '$rating.overall' }, attitude: { $avg: '$rating.attitude' }, speed: { $avg: '$rating.speed' }, resolution: { $avg: '$rating.resolution' } } },
        ],
      },
    },
  ]);
  const t = r.total[0] ?? { total: 0, handedOff: 0 };
  const hours = new Map<string, number>(r.byHour.map((h: { _id: string; total: number }) => [h._id, h.total]));
  const c = r.csat[0];
  return {
    conversations: {
      total: t.total as number,
      handedOff: t.handedOff as number,
      botOnly: (t.total - t.handedOff) as number,
      byChannel: (r.byChannel as { _id: string; total: number; handedOff: number }[]).map((x) => ({ channel: x._id, total: x.total, handedOff: x.handedOff })),
      byDay: perDay(r.byDay as { _id: string; total: number; handedOff: number }[], f, { total: 0, handedOff: 0 }),
      byHour: Array.from({ length: 24 }, (_, h) => ({ hour: h, total: hours.get(String(h).padStart(2, '0')) ?? 0 })),
    },
    csat: { rated: (c?.rated ?? 0) as number, overall: mean(c?.overall), attitude: mean(c?.attitude), speed: mean(c?.speed), resolution: mean(c?.resolution) },
  };
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
  const [r] = await Lead.aggregate([
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
  const [r] = await Complaint.aggregate([
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
  const [r] = await FollowUp.aggregate([
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
