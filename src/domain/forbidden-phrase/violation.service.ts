import { Types, type FilterQuery } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit, type Actor } from '../audit/audit.service';
import { Message } from '../message/message.model';
import { Violation, type ViolationDoc, type ViolationFields } from './violation.model';
import type { PhraseMatch } from './forbidden-phrase.service';
import { CATEGORY_RULES, PHRASE_CATEGORIES, VIOLATION_DECISIONS, type PhraseCategory, type ViolationDecision, type ViolationStatus } from './categories';

export interface ViolationAgent {
  id: Types.ObjectId;
  name: string;
  number: string;
}

/**
 * A reply the guard stopped: one warning per phrase. The customer never saw it, so there is no
 * fine and it does not count toward dismissal unless a manager confirms it.
 */
export async function recordViolations(agent: ViolationAgent, conversationId: Types.ObjectId, text: string, matches: PhraseMatch[]): Promise<void> {
  const at = new Date();
  for (const m of matches) {
    const violation = await Violation.create({ agent, conversation: conversationId, kind: 'blocked', status: 'warning', phrase: m.phrase, category: m.category, fine: m.fine, text: text.slice(0, 8000), at });
    await recordAudit({ type: 'user', id: agent.id, name: agent.name }, 'violation.warning', { type: 'Violation', id: violation._id }, { phrase: m.phrase, category: m.category });
  }
}

export interface SentReport {
  messageId: string;
  category: PhraseCategory;
  phrase?: string;
  reason: string;
}

/** A manager reports an agent's sent message (the customer saw it): an offence, fined at once. */
export async function reportSentMessage(report: SentReport, actor: Actor & { name: string }): Promise<ViolationDoc> {
  const message = await Message.findById(report.messageId).lean();
  if (!message || message.author !== 'agent' || message.internal || !message.agent?.id) throw new AppError('MESSAGE_NOT_FOUND', 'No agent reply with this id (internal notes are never sent)');
  if (await Violation.exists({ message: message._id, category: report.category })) throw new AppError('DUPLICATE', 'This message is already in the ledger for this category');
  const decision = { action: 'report', reason: report.reason, by: { id: actor.id, name: actor.name }, at: new Date() };
  const violation = await Violation.create({
    agent: { id: message.agent.id, name: message.agent.name ?? '', number: message.agent.number ?? '' },
    conversation: message.conversation,
    message: message._id,
    kind: 'sent',
    status: 'fined',
    phrase: report.phrase ?? message.text.slice(0, 200),
    category: report.category,
    fine: CATEGORY_RULES[report.category].fine,
    text: message.text,
    decisions: [decision],
    at: message.createdAt ?? new Date(),
  });
  await recordAudit(actor, 'violation.report', { type: 'Violation', id: violation._id }, { messageId: report.messageId, category: report.category, reason: report.reason });
  return violation;
}

/**
 * Confirm (the fine applies), waive (no fine) or appeal (contested until a manager decides), with
 * the reason kept on the entry and in the audit log. One atomic conditional update: a decision
 * that does not apply to the entry's state (confirming a waived entry) is 409.
 */
export async function decideViolation(id: string, action: ViolationDecision, reason: string, actor: Actor & { name: string }): Promise<ViolationDoc> {
  const rule = VIOLATION_DECISIONS[action];
  const decision = { action, reason, by: { id: actor.id, name: actor.name }, at: new Date() };
  const saved = await Violation.findOneAndUpdate({ _id: id, status: { $in: rule.from } }, { $set: { status: rule.to }, $push: { decisions: decision } }, { new: true });
  if (!saved) {
    const current = await Violation.findById(id, { status: 1 }).lean();
    if (!current) throw new AppError('VIOLATION_NOT_FOUND');
    throw new AppError('DECISION_NOT_ALLOWED', `${action} does not apply to an entry that is ${current.status}`, { details: { status: current.status } });
  }
  await recordAudit(actor, `violation.${action}`, { type: 'Violation', id: saved._id }, { to: rule.to, reason });
  return saved;
}

export async function getViolation(id: string): Promise<ViolationDoc> {
  const v = await Violation.findById(id);
  if (!v) throw new AppError('VIOLATION_NOT_FOUND');
  return v;
}

export interface LedgerFilter {
  /** Local month, YYYY-MM. */
  month?: string;
  agentId?: string;
  status?: ViolationStatus;
}

/** Per agent: warnings, fined offences and fines per category, and whether a rule's count is reached. */
export interface AgentTally {
  agent: { id: string; name: string; agentNumber: string };
  warnings: number;
  offences: number;
  fines: number;
  dismissal: boolean;
  byCategory: { category: PhraseCategory; offences: number; fines: number; dismissalAt?: number; dismissal: boolean }[];
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function matchOf(filter: LedgerFilter): FilterQuery<ViolationFields> {
  const match: FilterQuery<ViolationFields> = {};
  if (filter.month) match.day = { $gte: `${filter.month}-01`, $lt: `${nextMonth(filter.month)}-01` };
  if (filter.agentId) match['agent.id'] = new Types.ObjectId(filter.agentId);
  return match;
}

/**
 * The ledger over a period: the latest entries (at most `limit`) and, per agent, the offences per
 * category as the rules count them (001 §二.2: quarrel at once, the others at three). Only fined
 * entries count; warnings are shown, waived and appealed entries are not counted.
 */
export async function violationLedger(filter: LedgerFilter = {}, limit = 500): Promise<{ items: ViolationDoc[]; byAgent: AgentTally[] }> {
  const match = matchOf(filter);
  const items = await Violation.find({ ...match, ...(filter.status ? { status: filter.status } : {}) }).sort({ at: -1 }).limit(limit);
  const groups = await Violation.aggregate<{ _id: { agent: Types.ObjectId; category: PhraseCategory; status: ViolationStatus }; n: number; fines: number; name: string; number: string }>([
    { $match: match },
    { $group: { _id: { agent: '$agent.id', category: '$category', status: '$status' }, n: { $sum: 1 }, fines: { $sum: '$fine' }, name: { $last: '$agent.name' }, number: { $last: '$agent.number' } } },
  ]);
  const tallies = new Map<string, AgentTally>();
  for (const g of groups) {
    const key = String(g._id.agent);
    const tally = tallies.get(key) ?? { agent: { id: key, name: g.name, agentNumber: g.number }, warnings: 0, offences: 0, fines: 0, dismissal: false, byCategory: [] };
    tallies.set(key, tally);
    if (g._id.status === 'warning') tally.warnings += g.n;
    if (g._id.status !== 'fined') continue;
    tally.offences += g.n;
    tally.fines += g.fines;
    const row = tally.byCategory.find((c) => c.category === g._id.category);
    if (row) {
      row.offences += g.n;
      row.fines += g.fines;
    } else tally.byCategory.push({ category: g._id.category, offences: g.n, fines: g.fines, dismissalAt: CATEGORY_RULES[g._id.category].dismissalAt, dismissal: false });
  }
  for (const tally of tallies.values()) {
    for (const row of tally.byCategory) row.dismissal = row.dismissalAt !== undefined && row.offences >= row.dismissalAt;
    tally.byCategory.sort((a, b) => PHRASE_CATEGORIES.indexOf(a.category) - PHRASE_CATEGORIES.indexOf(b.category));
    tally.dismissal = tally.byCategory.some((c) => c.dismissal);
  }
  const byAgent = [...tallies.values()].sort((a, b) => Number(b.dismissal) - Number(a.dismissal) || b.offences - a.offences || b.fines - a.fines || b.warnings - a.warnings);
  return { items, byAgent };
}
