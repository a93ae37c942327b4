import { Complaint } from '../complaint/complaint.model';
import { Penalty } from '../penalty/penalty.model';
import { localDay } from '../shared/local-day';
import { monthRange } from '../shared/day-range';
import { complaintFigures } from './dashboard';
import { monthFilter } from './periodic-reports';

/**
 * 月度投诉分析报告 (000 §7-5: before the 5th, for the month before): the month's complaints by
 * severity, category and state, how many were justified, closed and how fast, deadlines missed,
 * penalties, and the register of every case.
 */
export async function monthlyComplaintAnalysis(month: string, now = new Date()) {
  const { start, end } = monthRange(month);
  const [figures, timing, penalties, cases] = await Promise.all([
    complaintFigures(monthFilter(month), now),
    Complaint.aggregate([
      { $match: { createdAt: { $gte: start, $lt: end } } },
      {
        $group: {
          _id: null,
          justified: { $sum: { $cond: [{ $eq: ['$justified', true] }, 1, 0] } },
          unjustified: { $sum: { $cond: [{ $eq: ['$justified', false] }, 1, 0] } },
          closed: { $sum: { $cond: [{ $eq: ['$status', 'closed'] }, 1, 0] } },
          hoursToClose: { $avg: { $cond: [{ $ifNull: ['$closedAt', false] }, { $divide: [{ $subtract: ['$closedAt', '$createdAt'] }, 3600000] }, null] } },
          satisfaction: { $avg: '$satisfaction.score' },
        },
      },
    ]),
    Penalty.aggregate([{ $match: { complaint: { $ne: null }, createdAt: { $gte: start, $lt: end }, status: { $ne: 'cancelled' } } }, { $group: { _id: null, slips: { $sum: 1 }, fen: { $sum: '$amountFen' } } }]),
    Complaint.find({ createdAt: { $gte: start, $lt: end } }).sort({ createdAt: 1 }).limit(5000).lean(),
  ]);
  const t = timing[0] ?? {};
  return {
    month,
    generatedAt: now.toISOString(),
    total: figures.total,
    bySeverity: figures.bySeverity,
    byCategory: figures.byCategory,
    byStatus: figures.byStatus,
    justified: (t.justified ?? 0) as number,
    unjustified: (t.unjustified ?? 0) as number,
    closed: (t.closed ?? 0) as number,
    averageHoursToClose: t.hoursToClose == null ? null : Math.round(t.hoursToClose * 10) / 10,
    satisfaction: t.satisfaction == null ? null : Math.round(t.satisfaction * 100) / 100,
    deadlinesMissed: figures.escalated,
    penalties: { slips: (penalties[0]?.slips ?? 0) as number, fen: (penalties[0]?.fen ?? 0) as number },
    cases: cases.map((c) => ({
      number: c.number ?? String(c._id),
      day: localDay(c.createdAt),
      severity: c.severity,
      category: c.category,
      status: c.status,
      justified: c.justified ?? null,
      description: c.description.slice(0, 500),
      cause: c.investigation?.cause ?? '',
      resolution: c.resolution ?? '',
      summary: c.summary?.text ?? '',
    })),
  };
}
export type ComplaintAnalysis = Awaited<ReturnType<typeof monthlyComplaintAnalysis>>;
