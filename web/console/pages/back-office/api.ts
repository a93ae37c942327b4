import type { z } from 'zod';
import { ApiError, requestJson, type RequestOptions } from '../../../shared/http';
import type { leadView, leadAssignBody, leadNoteBody } from '../../../../src/http/contract/leads';
import type { directoryEntry, directoryBody } from '../../../../src/http/contract/directory';
import type { complaintView, penaltyView, penaltyBody, deductionSheetView, stepBody } from '../../../../src/http/contract/complaints';
import type { followUpView, followUpBody, followUpResultBody } from '../../../../src/http/contract/follow-ups';
import type { orderView, orderStatusBody } from '../../../../src/http/contract/orders';
import type { contractView, contractBody, customerArchiveView, staffView, staffBody, staffStatusBody, renewBody } from '../../../../src/http/contract/archives';
import type { dashboardView, dailyView, inquiryView, complaintAnalysisView, csatView, reportDocumentItem, reportDocumentView, qaView } from '../../../../src/http/contract/reports';
import type { ComplaintStep } from '../../../../src/domain/complaint/complaint-kinds';

export type Lead = z.output<typeof leadView>;
export type Colleague = z.output<typeof directoryEntry>;
export type Complaint = z.output<typeof complaintView>;
export type Penalty = z.output<typeof penaltyView>;
export type DeductionSheet = z.output<typeof deductionSheetView>;
export type FollowUp = z.output<typeof followUpView>;
export type Order = z.output<typeof orderView>;
export type Contract = z.output<typeof contractView>;
export type CustomerArchive = z.output<typeof customerArchiveView>;
export type Worker = z.output<typeof staffView>;
export type Dashboard = z.output<typeof dashboardView>;
export type Daily = z.output<typeof dailyView>;
export type Inquiry = z.output<typeof inquiryView>;
export type ComplaintAnalysis = z.output<typeof complaintAnalysisView>;
export type Csat = z.output<typeof csatView>;
export type ReportDoc = z.output<typeof reportDocumentItem>;
export type ReportDocFull = z.output<typeof reportDocumentView>;
export type QaItem = z.output<typeof qaView>;
export type StepInput = z.input<typeof stepBody>;

const C = '/api/v1/console';

async function call<T>(url: string, opts: RequestOptions = {}): Promise<T> {
  try {
    return await requestJson<T>(url, { credentials: 'same-origin', ...opts });
  } catch (err) {
    // The session ended: the console shows the sign-in page again.
    if (err instanceof ApiError && err.status === 401) location.reload();
    throw err;
  }
}
const enc = encodeURIComponent;
const post = (body: unknown = {}): RequestOptions => ({ method: 'POST', body });
/** A query string of the defined values. */
export function qs(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
const items = async <T>(p: Promise<{ items: T[] }>) => (await p).items;

/** The back office's HTTP API (typed by the zod contract). Every method throws ApiError. */
export const bo = {
  leads: (f: Record<string, string | undefined>) => items(call<{ items: Lead[] }>(`${C}/leads${qs(f)}`)),
  lead: (id: string) => call<Lead>(`${C}/leads/${enc(id)}`),
  assignLead: (id: string, body: z.input<typeof leadAssignBody>) => call<Lead>(`${C}/leads/${enc(id)}/assign`, post(body)),
  noteLead: (id: string, body: z.input<typeof leadNoteBody>) => call<Lead>(`${C}/leads/${enc(id)}/notes`, post(body)),
  directory: (kind?: string) => items(call<{ items: Colleague[] }>(`${C}/directory${qs({ kind })}`)),
  addColleague: (body: z.input<typeof directoryBody>) => call<Colleague>(`${C}/directory`, post(body)),

  complaints: (f: Record<string, string | undefined>) => items(call<{ items: Complaint[] }>(`${C}/complaints${qs(f)}`)),
  complaint: (id: string) => call<Complaint>(`${C}/complaints/${enc(id)}`),
  step: (id: string, step: ComplaintStep, body: StepInput) => call<Complaint>(`${C}/complaints/${enc(id)}/steps/${step}`, post(body)),
  feedback: (id: string, note: string, nextContactAt?: string) => call<Complaint>(`${C}/complaints/${enc(id)}/feedback`, post({ note, ...(nextContactAt ? { nextContactAt } : {}) })),
  assignComplaint: (id: string, assignee: string | null) => call<Complaint>(`${C}/complaints/${enc(id)}/assignee`, { method: 'PUT', body: { assignee } }),
  penalties: (f: Record<string, string | undefined>) => items(call<{ items: Penalty[] }>(`${C}/penalties${qs(f)}`)),
  issuePenalty: (body: z.input<typeof penaltyBody>) => call<Penalty>(`${C}/penalties`, post(body)),
  penaltyAction: (id: string, action: 'acknowledge' | 'sign' | 'cancel', body: { note?: string; month?: string } = {}) => call<Penalty>(`${C}/penalties/${enc(id)}/${action}`, post(body)),
  deductions: (month: string) => call<DeductionSheet>(`${C}/penalties/deductions${qs({ month })}`),

  followUps: (f: Record<string, string | undefined>) => items(call<{ items: FollowUp[] }>(`${C}/follow-ups${qs(f)}`)),
  followUp: (id: string) => call<FollowUp>(`${C}/follow-ups/${enc(id)}`),
  scheduleFollowUp: (body: z.input<typeof followUpBody>) => call<FollowUp>(`${C}/follow-ups`, post(body)),
  recordFollowUp: (id: string, body: z.input<typeof followUpResultBody>) => call<FollowUp>(`${C}/follow-ups/${enc(id)}/result`, post(body)),
  closeFollowUp: (id: string, to: 'cancelled' | 'missed', note: string) => call<FollowUp>(`${C}/follow-ups/${enc(id)}/close`, post({ to, note })),

  orders: (f: Record<string, string | undefined>) => items(call<{ items: Order[] }>(`${C}/orders${qs(f)}`)),
  order: (id: string) => call<Order>(`${C}/orders/${enc(id)}`),
  orderStatus: (id: string, body: z.input<typeof orderStatusBody>) => call<Order>(`${C}/orders/${enc(id)}/status`, post(body)),
  orderPaid: (id: string, note?: string) => call<Order>(`${C}/orders/${enc(id)}/payment`, post(note ? { note } : {})),

  customers: (q?: string) => items(call<{ items: CustomerArchive[] }>(`${C}/customers${qs({ q })}`)),
  customerArchive: (id: string) => call<CustomerArchive>(`${C}/customers/${enc(id)}/archive`),
  mergeCustomer: (id: string, source: string) => call<CustomerArchive>(`${C}/customers/${enc(id)}/merge`, post({ source })),
  contracts: (f: Record<string, string | undefined>) => items(call<{ items: Contract[] }>(`${C}/contracts${qs(f)}`)),
  contract: (id: string) => call<Contract>(`${C}/contracts/${enc(id)}`),
  addContract: (body: z.input<typeof contractBody>) => call<Contract>(`${C}/contracts`, post(body)),
  renew: (id: string, body: z.input<typeof renewBody>) => call<Contract>(`${C}/contracts/${enc(id)}/renew`, post(body)),
  decline: (id: string, reason: string) => call<Contract>(`${C}/contracts/${enc(id)}/decline`, post({ reason })),
  workers: (f: Record<string, string | undefined>) => items(call<{ items: Worker[] }>(`${C}/staff${qs(f)}`)),
  worker: (id: string) => call<Worker>(`${C}/staff/${enc(id)}`),
  addWorker: (body: z.input<typeof staffBody>) => call<Worker>(`${C}/staff`, post(body)),
  workerStatus: (id: string, body: z.input<typeof staffStatusBody>) => call<Worker>(`${C}/staff/${enc(id)}/status`, post(body)),

  dashboard: (f: Record<string, string | undefined>) => call<Dashboard>(`${C}/reports/dashboard${qs(f)}`),
  daily: (day: string) => call<Daily>(`${C}/reports/daily${qs({ day })}`),
  inquiries: (month: string) => call<Inquiry>(`${C}/reports/inquiries${qs({ month })}`),
  csat: (month: string) => call<Csat>(`${C}/reports/csat${qs({ month })}`),
  documents: () => items(call<{ items: ReportDoc[] }>(`${C}/reports/documents`)),
  document: (id: string) => call<ReportDocFull>(`${C}/reports/documents/${enc(id)}`),
  generate: (kind: 'complaint-monthly' | 'inquiry-monthly', period: string) => call<ReportDocFull>(`${C}/reports/documents`, post({ kind, period })),
  qa: (f: Record<string, string | undefined>) => items(call<{ items: QaItem[] }>(`${C}/qa${qs(f)}`)),
  sampleQa: () => call<{ week: string; sampled: number }>(`${C}/qa/sample`, post()),
  scoreQa: (id: string, scores: Record<string, number>, comment?: string) => call<QaItem>(`${C}/qa/${enc(id)}/score`, post({ scores, ...(comment ? { comment } : {}) })),
};

/** The download address of a report document or a live report (the browser saves the file). */
export const downloads = {
  document: (id: string, format: 'csv' | 'xlsx', lang: string) => `${C}/reports/documents/${enc(id)}/${format}${qs({ lang })}`,
  live: (report: string, format: 'csv' | 'xlsx', params: Record<string, string | undefined>) => `${C}/reports/export/${report}/${format}${qs(params)}`,
};
