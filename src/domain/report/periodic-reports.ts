import { Conversation } from '../conversation/conversation.model';
import { Lead } from '../lead/lead.model';
import { Order } from '../order/order.model';
import { QaReview } from '../qa/qa-review.model';
import { monthRange, previousMonth, dayStart } from '../shared/day-range';
import { conversationFigures, complaintFigures, followUpFigures, leadFigures } from './dashboard';
import { mean, share, type ReportFilter } from './report-filter';

/** 日报 (001): the day's chats, leads, complaints, follow-ups and sales (orders by status and by product). */
export async function dailyReport(day: string, now = new Date()) {
  const f: ReportFilter = { from: day, to: day };
  const [conv, leads, complaints, followUps, sales] = await Promise.all([
    conversationFigures(f),
    leadFigures(f),
    complaintFigures(f, now),
    followUpFigures(f),
    Order.aggregate([
      { $match: { createdAt: { $gte: dayStart(day), $lt: dayStart(day, 1) } } },
      {
        $facet: {
          byStatus: [{ $group: { _id: '$status', orders: { $sum: 1 }, fen: { $sum: '$totalFen' } } }],
          byProduct: [{ $match: { status: { $ne: 'cancelled' } } }, { $unwind: '$items' }, { $group: { _id: '$items.product', quantity: { $sum: '$items.quantity' }, fen: { $sum: { $multiply: ['$items.quantity', '$items.unitPriceFen'] } } } }, { $sort: { fen: -1 } }],
        },
      },
    ]),
  ]);
  const sold = sales[0] ?? { byStatus: [], byProduct: [] };
  const byStatus = (sold.byStatus as { _id: string; orders: number; fen: number }[]).map((x) => ({ status: x._id, orders: x.orders, fen: x.fen }));
  const live = byStatus.filter((x) => x.status !== 'cancelled');
  return {
    day,
    conversations: { total: conv.conversations.total, handedOff: conv.conversations.handedOff, botOnly: conv.conversations.botOnly, byChannel: conv.conversations.byChannel },
    csat: conv.csat,
    leads,
    complaints,
    followUps,
    sales: { orders: live.reduce((s, x) => s + x.orders, 0), fen: live.reduce((s, x) => s + x.fen, 0), byStatus, byProduct: (sold.byProduct as { _id: string; quantity: number; fen: number }[]).map((x) => ({ product: x._id, quantity: x.quantity, fen: x.fen })) },
  };
}

const monthFilter = (month: string): ReportFilter => {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
};

/**
 * 月度咨询分析 (000 §7-1, §二-2): the month's inquiries by channel (signed, lost, conversion) and by
 * sales consultant, beside the month before, and the chats by channel — for the general manager.
 */
export async function monthlyInquiryReport(month: string) {
  const before = previousMonth(monthRange(month).start);
  const { start, end } = monthRange(month);
  const [current, previous, conv, byConsultant] = await Promise.all([
    leadFigures(monthFilter(month)),
    leadFigures(monthFilter(before)),
    conversationFigures(monthFilter(month)),
    Lead.aggregate([
      { $match: { createdAt: { $gte: start, $lt: end }, consultant: { $ne: null } } },
      { $group: { _id: '$consultant', total: { $sum: 1 }, signed: { $sum: { $cond: [{ $eq: ['$status', 'signed'] }, 1, 0] } }, lost: { $sum: { $cond: [{ $eq: ['$status', 'lost'] }, 1, 0] } } } },
      { $lookup: { from: 'directory', localField: '_id', foreignField: '_id', as: 'entry' } },
      { $sort: { total: -1 } },
    ]),
  ]);
  const prev = new Map(previous.byChannel.map((x) => [x.channel, x.total]));
  return {
    month,
    previousMonth: before,
    total: current.total,
    previousTotal: previous.total,
    byChannel: current.byChannel.map((x) => ({ ...x, previous: prev.get(x.channel) ?? 0 })),
    byStatus: current.byStatus,
    byConsultant: (byConsultant as { _id: unknown; total: number; signed: number; lost: number; entry: { name: string }[] }[]).map((x) => ({ consultant: x.entry[0]?.name ?? String(x._id), total: x.total, signed: x.signed, lost: x.lost, conversion: share(x.signed, x.total) })),
    conversationsByChannel: conv.conversations.byChannel,
  };
}

/** CSAT per agent (002 ch.5) for the month: the three dimensions and the overall score, with QA spot-check means. */
export async function csatByAgent(month: string) {
  const { start, end } = monthRange(month);
  const [ratings, qa] = await Promise.all([
    Conversation.aggregate([
      { $match: { 'rating.at': { $gte: start, $lt: end }, assignee: { $ne: null } } },
      { $group: { _id: '$assignee', rated: { $sum: 1 }, overall: { $avg: '$rating.overall' }, attitude: { $avg: '$rating.attitude' }, speed: { $avg: '$rating.speed' }, resolution: { $avg: '$rating.resolution' }, low: { $sum: { $cond: [{ $lte: ['$rating.overall', 2] }, 1, 0] } } } },
      { $lookup: { from: 'users', localField: '_id', foreignField: '_id', as: 'user' } },
      { $sort: { overall: -1 } },
    ]),
    QaReview.aggregate([{ $match: { status: 'scored', scoredAt: { $gte: start, $lt: end } } }, { $group: { _id: '$agent', reviews: { $sum: 1 }, total: { $avg: '$total' } } }]),
  ]);
  const qaBy = new Map(qa.map((q: { _id: unknown; reviews: number; total: number }) => [String(q._id), q]));
  return {
    month,
    agents: (ratings as { _id: unknown; rated: number; overall: number; attitude?: number; speed?: number; resolution?: number; low: number; user: { name: string; agentNumber: string }[] }[]).map((r) => ({
      agent: String(r._id),
      name: r.user[0] ? `${r.user[0].name} (${r.user[0].agentNumber})` : String(r._id),
      rated: r.rated,
      overall: mean(r.overall),
      attitude: mean(r.attitude),
      speed: mean(r.speed),
      resolution: mean(r.resolution),
      low: r.low,
      qaReviews: qaBy.get(String(r._id))?.reviews ?? 0,
      qaScore: mean(qaBy.get(String(r._id))?.total),
    })),
  };
}

export { monthFilter };
