import { Types } from 'mongoose';
import { recordAudit } from '../audit/audit.service';
import { Violation } from './violation.model';
import type { PhraseMatch } from './forbidden-phrase.service';
import { User } from '../user/user.model';

/** Three violations (of any kind) mean dismissal under 001 §二.2; one quarrel does at once. */
export const DISMISSAL_COUNT = 3;

export interface ViolationAgent {
  id: Types.ObjectId;
  name: string;
  number: string;
}

/** Records one ledger entry per forbidden phrase the agent tried to send. */
export async function recordViolations(agent: ViolationAgent, conversationId: Types.ObjectId, text: string, matches: PhraseMatch[]): Promise<void> {
  const at = new Date();
  for (const m of matches) {
    const violation = await Violation.create({
      agent, conversation: conversationId, phrase: m.phrase, category: m.category, fine: m.fine,
      dismissal: m.category === 'quarrel', text: text.slice(0, 8000), at,
    });
    await recordAudit({ type: 'user', id: agent.id, name: agent.name }, 'violation.record', { type: 'Violation', id: violation._id }, { phrase: m.phrase, fine: m.fine });
  }
}

export interface LedgerFilter {
  from?: Date;
  to?: Date;
  agentId?: string;
}

/** Per agent: how many violations, the fines in yuan, whether they reached three or must go now. */
export interface AgentTally {
  agent: { id: string; name: string; agentNumber: string };
  count: number;
  fines: number;
  reachedThree: boolean;
  dismissal: boolean;
}

/** The ledger: the latest entries (at most `limit`) and the tally per agent over the same period. */
export async function violationLedger(filter: LedgerFilter = {}, limit = 200) {
  const match: Record<string, unknown> = {};
  if (filter.from || filter.to) match.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  if (filter.agentId) match['agent.id'] = new Types.ObjectId(filter.agentId);
  const items = await Violation.find(match).sort({ at: -1 }).limit(limit).lean();
  // One accumulator per $group: FerretDB 1.x computes only the first of several (the rest come back 0).
  const tally = (sum: 1 | '$fine') => Violation.aggregate<{ _id: Types.ObjectId; n: number }>([{ $match: match }, { $group: { _id: '$agent.id', n: { $sum: sum } } }]);
  const [counts, fined] = await Promise.all([tally(1), tally('$fine')]);
  const fines = new Map(fined.map((g) => [String(g._id), g.n]));
  const groups = counts.map((g) => ({ _id: g._id, count: g.n, fines: fines.get(String(g._id)) ?? 0 }));
  const quarrelled = new Set((await Violation.distinct('agent.id', { ...match, dismissal: true })).map(String));
  const users = await User.find({ _id: { $in: groups.map((g) => g._id) } }, { name: 1, agentNumber: 1 }).lean();
  const names = new Map(users.map((u) => [String(u._id), { name: u.name, number: u.agentNumber }]));
  const byAgent: AgentTally[] = groups
    .map((g) => {
      const who = names.get(String(g._id));
      const reachedThree = g.count >= DISMISSAL_COUNT;
      return { agent: { id: String(g._id), name: who?.name ?? '', agentNumber: who?.number ?? '' }, count: g.count, fines: g.fines, reachedThree, dismissal: reachedThree || quarrelled.has(String(g._id)) };
    })
    .sort((a, b) => Number(b.dismissal) - Number(a.dismissal) || b.count - a.count || b.fines - a.fines);
  return { items, byAgent };
}
