import type { LeadDoc } from '../../domain/lead/lead.model';
import type { ComplaintDoc } from '../../domain/complaint/complaint.model';
import type { PenaltyDoc } from '../../domain/penalty/penalty.model';
import type { FollowUpDoc } from '../../domain/follow-up/follow-up.model';
import { COMPLAINT_STEPS, COMPLAINT_STEP_NAMES, type ComplaintStatus } from '../../domain/complaint/complaint-kinds';
import type { z } from 'zod';
import type { complaintView, penaltyView } from '../contract/complaints';
import type { leadView } from '../contract/leads';
import type { followUpView } from '../contract/follow-ups';
import { historyView, iso, Names, signatureView, str } from './names';

type Lead = z.output<typeof leadView>;
type Complaint = z.output<typeof complaintView>;

export async function leadViews(leads: LeadDoc[], now = new Date()): Promise<Lead[]> {
  const names = await Names.load({ customers: leads.map((l) => l.customer), users: leads.flatMap((l) => [l.handler, ...l.history.map((h) => h.by)]), directory: leads.map((l) => l.consultant) });
  return leads.map((l) => ({
    id: String(l._id),
    customer: names.customer(l.customer),
    ...(l.conversation ? { conversationId: String(l.conversation) } : {}),
    need: l.need,
    ...(str(l.name) ? { name: l.name! } : {}),
    ...(str(l.phone) ? { phone: l.phone! } : {}),
    ...(str(l.preferredContactTime) ? { preferredContactTime: l.preferredContactTime! } : {}),
    sourceChannel: l.sourceChannel,
    ...(l.consultant ? { consultant: names.colleague(l.consultant) } : {}),
    ...(l.handler ? { handler: names.user(l.handler) } : {}),
    status: l.status,
    ...(l.nextContactAt ? { nextContactAt: iso(l.nextContactAt) } : {}),
    due: !!l.nextContactAt && l.nextContactAt <= now && ['new', 'assigned', 'contacted'].includes(l.status),
    ...(str(l.lostReason) ? { lostReason: l.lostReason! } : {}),
    ...(l.assignedAt ? { assignedAt: iso(l.assignedAt) } : {}),
    ...(l.signedAt ? { signedAt: iso(l.signedAt) } : {}),
    createdAt: (l.createdAt ?? new Date()).toISOString(),
    history: historyView(l.history, names),
  }));
}

export async function complaintViews(list: ComplaintDoc[], now = new Date()): Promise<Complaint[]> {
  const names = await Names.load({
    customers: list.map((c) => c.customer),
    users: list.flatMap((c) => [c.assignee, c.responsibleParty?.user, ...c.statusHistory.map((h) => h.by)]),
    staff: list.map((c) => c.responsibleParty?.staff),
  });
  return list.map((c) => {
    const status = c.status as ComplaintStatus;
    const rp = c.responsibleParty;
    return {
      id: String(c._id),
      ...(c.number ? { number: c.number } : {}),
      customer: names.customer(c.customer),
      ...(c.conversation ? { conversationId: String(c.conversation) } : {}),
      channel: c.channel,
      severity: c.severity,
      category: c.category,
      description: c.description,
      ...(str(c.occurredAt) ? { occurredAt: c.occurredAt! } : {}),
      ...(str(c.involved) ? { involved: c.involved! } : {}),
      ...(str(c.contactPhone) ? { contactPhone: c.contactPhone! } : {}),
      status,
      ...(c.assignee ? { assignee: names.user(c.assignee) } : {}),
      feedbackDueAt: c.feedbackDueAt.toISOString(),
      overdue: status !== 'closed' && c.feedbackDueAt <= now,
      ...(c.lastFeedbackAt ? { lastFeedbackAt: iso(c.lastFeedbackAt) } : {}),
      ...(c.nextContactAt ? { nextContactAt: iso(c.nextContactAt) } : {}),
      escalated: !!c.escalatedFor && c.escalatedFor.getTime() === c.feedbackDueAt.getTime(),
      ...(typeof c.justified === 'boolean' ? { justified: c.justified } : {}),
      ...(c.judgement?.at ? { judgement: { ...signatureView(c.judgement), ...(str(c.judgement.reply) ? { reply: c.judgement.reply! } : {}) } } : {}),
      ...(c.investigation?.at ? { investigation: { ...signatureView(c.investigation), ...(str(c.investigation.cause) ? { cause: c.investigation.cause! } : {}), ...(str(c.investigation.store) ? { store: c.investigation.store! } : {}) } } : {}),
      ...(rp && (rp.staff || rp.user || rp.description) ? { responsible: { ...(rp.staff ? { staff: names.worker(rp.staff) } : {}), ...(rp.user ? { user: names.user(rp.user) } : {}), ...(str(rp.description) ? { description: rp.description! } : {}) } } : {}),
      ...(str(c.resolution) ? { resolution: c.resolution! } : {}),
      ...(typeof c.compensationFen === 'number' ? { compensationFen: c.compensationFen } : {}),
      ...(c.proposal?.at ? { proposal: signatureView(c.proposal) } : {}),
      approvals: {
        ...(c.approvals?.manager?.at ? { manager: { ...signatureView(c.approvals.manager), ...(str(c.approvals.manager.note) ? { note: c.approvals.manager.note! } : {}) } } : {}),
        ...(c.approvals?.generalManager?.at ? { generalManager: { ...signatureView(c.approvals.generalManager), ...(str(c.approvals.generalManager.note) ? { note: c.approvals.generalManager.note! } : {}) } } : {}),
      },
      needsGeneralManager: c.severity === 'serious',
      ...(c.informed?.at ? { informed: { ...signatureView(c.informed), ...(str(c.informed.text) ? { text: c.informed.text! } : {}) } } : {}),
      ...(c.satisfaction?.at ? { satisfaction: { ...signatureView(c.satisfaction), ...(typeof c.satisfaction.score === 'number' ? { score: c.satisfaction.score } : {}), ...(str(c.satisfaction.comment) ? { comment: c.satisfaction.comment! } : {}) } } : {}),
      ...(c.summary?.at ? { summary: { ...signatureView(c.summary), ...(str(c.summary.text) ? { text: c.summary.text! } : {}), ...(str(c.summary.improvement) ? { improvement: c.summary.improvement! } : {}) } } : {}),
      ...(c.closedAt ? { closedAt: iso(c.closedAt) } : {}),
      createdAt: (c.createdAt ?? new Date()).toISOString(),
      history: historyView(c.statusHistory, names),
      steps: COMPLAINT_STEP_NAMES.filter((s) => (COMPLAINT_STEPS[s].from as readonly string[]).includes(status)),
    };
  });
}

export async function penaltyViews(list: PenaltyDoc[]): Promise<z.output<typeof penaltyView>[]> {
  const names = await Names.load({ users: list.map((p) => p.subject?.user), staff: list.map((p) => p.subject?.staff) });
  return list.map((p) => {
    const kind = (p.subject?.kind ?? 'staff') as 'staff' | 'user';
    const id = String(kind === 'staff' ? p.subject?.staff : p.subject?.user);
    const who = kind === 'staff' ? names.worker(id) : names.user(id);
    return {
      id: String(p._id),
      number: p.number,
      ...(p.complaint ? { complaintId: String(p.complaint) } : {}),
      subject: { kind, id, name: who?.name ?? id },
      amountFen: p.amountFen,
      reason: p.reason,
      status: p.status,
      ...(p.month ? { month: p.month } : {}),
      issued: signatureView(p.issued) ?? {},
      ...(p.acknowledged?.at ? { acknowledged: { ...signatureView(p.acknowledged), ...(str(p.acknowledged.note) ? { note: p.acknowledged.note! } : {}), onPaper: !!p.acknowledged.onPaper } } : {}),
      ...(p.signedOff?.at ? { signedOff: signatureView(p.signedOff) } : {}),
      ...(p.cancelled?.at ? { cancelled: { ...signatureView(p.cancelled), ...(str(p.cancelled.note) ? { note: p.cancelled.note! } : {}) } } : {}),
      createdAt: (p.createdAt ?? new Date()).toISOString(),
    };
  });
}

export async function followUpViews(list: FollowUpDoc[], now = new Date()): Promise<z.output<typeof followUpView>[]> {
  const names = await Names.load({ customers: list.map((f) => f.customer), staff: list.map((f) => f.staff) });
  return list.map((f) => {
    const target = f.targetType === 'staff' ? { id: String(f.staff), name: names.worker(f.staff)?.name } : names.customer(f.customer);
    const scores = f.scores && (f.scores.attitude || f.scores.speed || f.scores.resolution) ? { ...(f.scores.attitude ? { attitude: f.scores.attitude } : {}), ...(f.scores.speed ? { speed: f.scores.speed } : {}), ...(f.scores.resolution ? { resolution: f.scores.resolution } : {}) } : undefined;
    return {
      id: String(f._id),
      targetType: f.targetType,
      target,
      reason: f.reason,
      status: f.status,
      dueAt: f.dueAt.toISOString(),
      overdue: (f.status === 'scheduled' || f.status === 'in_progress') && f.dueAt < now,
      script: f.script ?? '',
      byBot: f.targetType === 'customer' && f.script === 'follow-up-survey',
      ...(str(f.via) ? { via: f.via! } : {}),
      ...(f.order ? { orderId: String(f.order) } : {}),
      ...(f.contract ? { contractId: String(f.contract) } : {}),
      ...(f.conversation ? { conversationId: String(f.conversation) } : {}),
      ...(f.complaint ? { complaintId: String(f.complaint) } : {}),
      ...(str(f.notes) ? { notes: f.notes! } : {}),
      ...(str(f.result) ? { result: f.result! } : {}),
      ...(scores ? { scores } : {}),
      ...(str(f.comment) ? { comment: f.comment! } : {}),
      ...(f.recordedBy?.name ? { recordedBy: { id: String(f.recordedBy.id), name: f.recordedBy.name } } : {}),
      ...(f.completedAt ? { completedAt: iso(f.completedAt) } : {}),
      ...(f.createdAt ? { createdAt: iso(f.createdAt) } : {}),
    };
  });
}
