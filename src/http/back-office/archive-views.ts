import type { z } from 'zod';
import type { OrderDoc } from '../../domain/order/order.model';
import type { ContractDoc } from '../../domain/contract/contract.model';
import type { StaffDoc } from '../../domain/staff/staff.model';
import type { CustomerDoc } from '../../domain/customer/customer.model';
import type { DirectoryEntryDoc } from '../../domain/directory/directory.model';
import type { QaReviewDoc } from '../../domain/qa/qa-review.model';
import { QA_ITEMS } from '../../domain/qa/qa-kinds';
import type { orderView } from '../contract/orders';
import type { contractView, customerArchiveView, staffView } from '../contract/archives';
import type { directoryEntry } from '../contract/directory';
import type { qaView } from '../contract/reports';
import { historyView, iso, Names, str } from './names';

const DAY_MS = 86400_000;

export async function orderViews(list: OrderDoc[], now = new Date()): Promise<z.output<typeof orderView>[]> {
  const names = await Names.load({ customers: list.map((o) => o.customer), users: list.flatMap((o) => o.statusHistory.map((h) => h.by)) });
  return list.map((o) => ({
    id: String(o._id),
    number: o.number,
    customer: names.customer(o.customer),
    ...(o.conversation ? { conversationId: String(o.conversation) } : {}),
    source: o.source,
    ...(o.channel ? { channel: o.channel } : {}),
    items: o.items.map((i) => ({ sku: i.sku, product: i.product, quantity: i.quantity, unitPriceFen: i.unitPriceFen })),
    totalFen: o.totalFen,
    recipient: { name: o.recipient?.name ?? '', phone: o.recipient?.phone ?? '', isCustomer: o.recipient?.isCustomer !== false },
    address: o.address,
    payment: o.payment,
    status: o.status,
    ...(str(o.courier) ? { courier: o.courier! } : {}),
    ...(str(o.trackingNumber) ? { trackingNumber: o.trackingNumber! } : {}),
    ...(o.updatesVia ? { updatesVia: o.updatesVia } : {}),
    ...(o.paid?.at ? { paid: { at: o.paid.at.toISOString(), fen: o.paid.fen ?? o.totalFen, ...(str(o.paid.note) ? { note: o.paid.note! } : {}) } } : {}),
    ...(o.receivableDueAt ? { receivableDueAt: iso(o.receivableDueAt) } : {}),
    overdue: !o.paid?.at && !!o.receivableDueAt && o.receivableDueAt < now,
    notifications: (o.notifications ?? []).map((n) => ({ status: n.status ?? '', via: (n.via ?? 'none') as 'chat' | 'sms' | 'none', ...(n.channel ? { channel: n.channel } : {}), at: (n.at ?? now).toISOString(), ok: !!n.ok, ...(n.error ? { error: n.error } : {}) })),
    createdAt: (o.createdAt ?? now).toISOString(),
    history: historyView(o.statusHistory, names),
  }));
}

export async function contractViews(list: ContractDoc[], now = new Date()): Promise<z.output<typeof contractView>[]> {
  const names = await Names.load({ customers: list.map((c) => c.customer), staff: list.map((c) => c.staff), directory: list.map((c) => c.consultant), users: list.flatMap((c) => c.history.map((h) => h.by)) });
  return list.map((c) => ({
    id: String(c._id),
    number: c.number,
    customer: names.customer(c.customer),
    ...(c.staff ? { staff: names.worker(c.staff) } : {}),
    ...(str(c.store) ? { store: c.store! } : {}),
    ...(c.consultant ? { consultant: names.colleague(c.consultant) } : {}),
    start: c.start.toISOString(),
    end: c.end.toISOString(),
    daysLeft: Math.ceil((c.end.getTime() - now.getTime()) / DAY_MS),
    amountFen: c.amountFen,
    ...(str(c.serviceAddress) ? { serviceAddress: c.serviceAddress! } : {}),
    ...(str(c.notes) ? { notes: c.notes! } : {}),
    renewal: {
      state: (c.renewal?.state ?? 'none') as 'none',
      ...(c.renewal?.notifiedAt ? { notifiedAt: iso(c.renewal.notifiedAt) } : {}),
      ...(c.renewal?.renewedFrom ? { renewedFrom: String(c.renewal.renewedFrom) } : {}),
      ...(c.renewal?.renewedTo ? { renewedTo: String(c.renewal.renewedTo) } : {}),
      ...(c.renewal?.decidedAt ? { decidedAt: iso(c.renewal.decidedAt) } : {}),
      ...(str(c.renewal?.reason) ? { reason: c.renewal!.reason! } : {}),
    },
    history: historyView(c.history, names),
    ...(c.createdAt ? { createdAt: iso(c.createdAt) } : {}),
  }));
}

export async function staffViews(list: StaffDoc[]): Promise<z.output<typeof staffView>[]> {
  const names = await Names.load({ customers: list.flatMap((s) => [s.placement?.customer, ...s.movements.map((m) => m.customer)]) });
  const customer = (id: unknown) => {
    const c = names.customer(id as string);
    return { id: c.id, name: c.name ?? c.phone ?? c.id };
  };
  return list.map((s) => ({
    id: String(s._id),
    name: s.name,
    ...(str(s.phone) ? { phone: s.phone! } : {}),
    ...(str(s.idNumber) ? { idNumber: s.idNumber! } : {}),
    ...(str(s.address) ? { address: s.address! } : {}),
    ...(str(s.emergencyContact) ? { emergencyContact: s.emergencyContact! } : {}),
    ...(str(s.store) ? { store: s.store! } : {}),
    skills: s.skills ?? [],
    status: s.status,
    ...(s.placement?.since ? { placement: { ...(s.placement.customer ? { customer: customer(s.placement.customer) } : {}), ...(s.placement.contract ? { contractId: String(s.placement.contract) } : {}), since: iso(s.placement.since) } } : {}),
    ...(str(s.notes) ? { notes: s.notes! } : {}),
    movements: s.movements.map((m) => ({
      ...(m.from ? { from: m.from } : {}),
      to: m.to,
      at: m.at.toISOString(),
      ...(m.store ? { store: m.store } : {}),
      ...(m.customer ? { customer: customer(m.customer) } : {}),
      ...(m.contract ? { contractId: String(m.contract) } : {}),
      ...(m.note ? { note: m.note } : {}),
      ...(m.byName ? { by: m.byName } : {}),
    })),
    ...(s.createdAt ? { createdAt: iso(s.createdAt) } : {}),
  }));
}

export function customerArchiveViewOf(c: CustomerDoc): z.output<typeof customerArchiveView> {
  return {
    id: String(c._id),
    ...(str(c.name) ? { name: c.name! } : {}),
    ...(str(c.phone) ? { phone: c.phone! } : {}),
    gender: (c.gender ?? 'unknown') as 'unknown',
    ...(str(c.address) ? { address: c.address! } : {}),
    ...(str(c.idNumber) ? { idNumber: c.idNumber! } : {}),
    ...(str(c.notes) ? { notes: c.notes! } : {}),
    tags: c.tags ?? [],
    identities: (c.identities ?? []).map((i) => ({ channel: i.channel, ...(str(i.displayName) ? { displayName: i.displayName! } : {}), ...(i.firstSeenAt ? { firstSeenAt: iso(i.firstSeenAt) } : {}) })),
    ...(c.lastSeenAt ? { lastSeenAt: iso(c.lastSeenAt) } : {}),
    ...(c.createdAt ? { createdAt: iso(c.createdAt) } : {}),
  };
}

export function directoryViewOf(e: DirectoryEntryDoc): z.output<typeof directoryEntry> {
  return {
    id: String(e._id),
    kind: e.kind,
    name: e.name,
    ...(str(e.phone) ? { phone: e.phone! } : {}),
    ...(str(e.email) ? { email: e.email! } : {}),
    ...(str(e.wecomUserId) ? { wecomUserId: e.wecomUserId! } : {}),
    ...(str(e.store) ? { store: e.store! } : {}),
    ...(e.user ? { userId: String(e.user) } : {}),
    active: e.active !== false,
  };
}

export async function qaViews(list: QaReviewDoc[]): Promise<z.output<typeof qaView>[]> {
  const names = await Names.load({ users: list.map((r) => r.agent) });
  return list.map((r) => ({
    id: String(r._id),
    week: r.week,
    agent: names.user(r.agent) ?? { id: String(r.agent), name: '' },
    conversationId: String(r.conversation),
    ...(r.closedAt ? { closedAt: iso(r.closedAt) } : {}),
    status: r.status,
    scores: Object.fromEntries(QA_ITEMS.flatMap((i) => (typeof (r.scores as Record<string, number | undefined> | undefined)?.[i] === 'number' ? [[i, (r.scores as Record<string, number>)[i]]] : []))),
    ...(typeof r.total === 'number' ? { total: r.total } : {}),
    ...(str(r.comment) ? { comment: r.comment! } : {}),
    ...(r.reviewer?.name ? { reviewer: r.reviewer.name } : {}),
    ...(r.scoredAt ? { scoredAt: iso(r.scoredAt) } : {}),
  }));
}
