import { Types } from 'mongoose';
import { Violation } from '../forbidden-phrase/violation.model';
import { Penalty } from '../penalty/penalty.model';
import { subjectNames } from '../penalty/penalty.service';
import { monthRange } from '../shared/day-range';
import { localPart, periodOf, type ReportFilter } from './report-filter';

/**
 * 罚款 by agent and month: fined forbidden-phrase offences (服务禁语, in yuan, by the day they
 * happened) and signed penalty slips of agents (by their deduction month), in fen.
 */
export async function finesByAgent(f: ReportFilter) {
  const { start, end } = periodOf(f);
  const [violations, penalties] = await Promise.all([
    Violation.aggregate([
      { $match: { status: 'fined', at: { $gte: start, $lt: end }, ...(f.agent ? { 'agent.id': new Types.ObjectId(f.agent) } : {}) } },
      { $group: { _id: { agent: '$agent.id', month: localPart('$at', '%Y-%m') }, name: { $first: '$agent.name' }, number: { $first: '$agent.number' }, offences: { $sum: 1 }, yuan: { $sum: '$fine' } } },
    ]),
    Penalty.aggregate([
      { $match: { status: 'signed', 'subject.kind': 'user', month: { $gte: f.from.slice(0, 7), $lte: f.to.slice(0, 7) } } },
      { $group: { _id: { agent: '$subject.user', month: '$month' }, slips: { $sum: 1 }, fen: { $sum: '$amountFen' } } },
      { $lookup: { from: 'users', localField: '_id.agent', foreignField: '_id', as: 'user' } },
    ]),
  ]);
  const rows = new Map<string, { agent: string; name: string; month: string; offences: number; violationFen: number; slips: number; penaltyFen: number; totalFen: number }>();
  const row = (agent: unknown, month: string, name: string) => {
    const key = `${String(agent)}:${month}`;
    if (!rows.has(key)) rows.set(key, { agent: String(agent), name, month, offences: 0, violationFen: 0, slips: 0, penaltyFen: 0, totalFen: 0 });
    return rows.get(key)!;
  };
  for (const v of violations) Object.assign(row(v._id.agent, v._id.month, `${v.name} (${v.number})`), { offences: v.offences, violationFen: Math.round(v.yuan * 100) });
  for (const p of penalties) {
    const u = p.user?.[0];
    Object.assign(row(p._id.agent, p._id.month, u ? `${u.name} (${u.agentNumber})` : String(p._id.agent)), { slips: p.slips, penaltyFen: p.fen });
  }
  const out = [...rows.values()].map((r) => ({ ...r, totalFen: r.violationFen + r.penaltyFen }));
  return out.sort((a, b) => a.month.localeCompare(b.month) || b.totalFen - a.totalFen);
}

/**
 * 当月绩效扣款明细表: every signed penalty slip deducted in the month (workers and agents), and the
 * agents' fined forbidden-phrase offences of that month, one line per person, with the slips.
 */
export async function deductionSheet(month: string) {
  const { start, end } = monthRange(month);
  const [slips, violations] = await Promise.all([
    Penalty.find({ status: 'signed', month }).sort({ createdAt: 1 }),
    Violation.find({ status: 'fined', at: { $gte: start, $lt: end } }).sort({ at: 1 }).lean(),
  ]);
  const names = await subjectNames(slips);
  const people = new Map<string, { key: string; kind: 'staff' | 'user'; name: string; slips: { number: string; reason: string; amountFen: number }[]; violations: number; totalFen: number }>();
  const person = (kind: 'staff' | 'user', id: string, name: string) => {
    const key = `${kind}:${id}`;
    if (!people.has(key)) people.set(key, { key, kind, name, slips: [], violations: 0, totalFen: 0 });
    return people.get(key)!;
  };
  for (const s of slips) {
    const id = String(s.subject?.staff ?? s.subject?.user);
    const p = person(s.subject!.kind as 'staff' | 'user', id, names.get(id) ?? id);
    p.slips.push({ number: s.number, reason: s.reason, amountFen: s.amountFen });
    p.totalFen += s.amountFen;
  }
  for (const v of violations) {
    const p = person('user', String(v.agent!.id), `${v.agent!.name} (${v.agent!.number})`);
    p.violations += 1;
    p.totalFen += Math.round(v.fine * 100);
  }
  const lines = [...people.values()].sort((a, b) => b.totalFen - a.totalFen);
  return { month, lines, totalFen: lines.reduce((s, l) => s + l.totalFen, 0) };
}
