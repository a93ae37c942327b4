import { z } from 'zod';
import { day, isoDate, month, objectId, score } from './common';
import { CHANNELS, LOCALES } from './enums';
import { QA_ITEMS } from '../../domain/qa/qa-kinds';

const n = z.number();
const opt = z.number().optional();
const keyed = z.array(z.object({ key: z.string(), total: z.int() }));

export const reportQuery = z.strictObject({ from: day, to: day, channel: z.enum(CHANNELS).optional(), agent: objectId.optional() }).refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export const dayQuery = z.strictObject({ day });
export const monthQuery = z.strictObject({ month });

const conversations = z.object({
  total: z.int(),
  handedOff: z.int(),
  botOnly: z.int(),
  byChannel: z.array(z.object({ channel: z.string(), total: z.int(), handedOff: z.int() })),
  byDay: z.array(z.object({ day: z.string(), total: z.int(), handedOff: z.int() })),
  byHour: z.array(z.object({ hour: z.int(), total: z.int() })),
});
const csat = z.object({ rated: z.int(), overall: opt, attitude: opt, speed: opt, resolution: opt });
const leads = z.object({ total: z.int(), byChannel: z.array(z.object({ channel: z.string(), total: z.int(), signed: z.int(), lost: z.int(), conversion: opt })), byStatus: z.array(z.object({ status: z.string(), total: z.int() })) });
const complaints = z.object({ total: z.int(), bySeverity: keyed, byCategory: keyed, byStatus: keyed, overdue: z.int(), escalated: z.int() });
const followUps = z.object({ done: z.int(), lowScores: z.int(), attitude: opt, speed: opt, resolution: opt, byReason: z.array(z.object({ reason: z.string(), targetType: z.string(), done: z.int(), attitude: opt })) });
const fines = z.array(z.object({ agent: z.string(), name: z.string(), month: z.string(), offences: z.int(), violationFen: z.int(), slips: z.int(), penaltyFen: z.int(), totalFen: z.int() }));
const sla = z.object({
  targets: z.object({ firstResponseSeconds: z.int(), resolutionSeconds: z.int() }),
  handedOff: z.int(),
  answered: z.int(),
  firstResponseAvgSeconds: opt,
  firstResponseWithinShare: opt,
  resolved: z.int(),
  resolutionAvgSeconds: opt,
  resolutionWithinShare: opt,
});

export const dashboardView = z.object({ period: z.object({ from: z.string(), to: z.string() }), conversations, csat, sla, leads, complaints, followUps, fines }).meta({ id: 'Dashboard' });
export const dailyView = z.object({
  day: z.string(),
  conversations: conversations.pick({ total: true, handedOff: true, botOnly: true, byChannel: true }),
  csat,
  leads,
  complaints,
  followUps,
  sales: z.object({ orders: z.int(), fen: n, byStatus: z.array(z.object({ status: z.string(), orders: z.int(), fen: n })), byProduct: z.array(z.object({ product: z.string(), quantity: z.int(), fen: n })) }),
});
export const inquiryView = z.object({
  month: z.string(),
  previousMonth: z.string(),
  total: z.int(),
  previousTotal: z.int(),
  byChannel: z.array(z.object({ channel: z.string(), total: z.int(), signed: z.int(), lost: z.int(), conversion: opt, previous: z.int() })),
  byStatus: z.array(z.object({ status: z.string(), total: z.int() })),
  byConsultant: z.array(z.object({ consultant: z.string(), total: z.int(), signed: z.int(), lost: z.int(), conversion: opt })),
  conversationsByChannel: z.array(z.object({ channel: z.string(), total: z.int(), handedOff: z.int() })),
});
export const complaintAnalysisView = z.object({
  month: z.string(),
  generatedAt: z.string(),
  total: z.int(),
  bySeverity: keyed,
  byCategory: keyed,
  byStatus: keyed,
  justified: z.int(),
  unjustified: z.int(),
  closed: z.int(),
  averageHoursToClose: n.nullable(),
  satisfaction: n.nullable(),
  deadlinesMissed: z.int(),
  penalties: z.object({ slips: z.int(), fen: n }),
  cases: z.array(z.object({ number: z.string(), day: z.string(), severity: z.string(), category: z.string(), status: z.string(), justified: z.boolean().nullable(), description: z.string(), cause: z.string(), resolution: z.string(), summary: z.string() })),
});
export const csatView = z.object({ month: z.string(), agents: z.array(z.object({ agent: z.string(), name: z.string(), rated: z.int(), overall: opt, attitude: opt, speed: opt, resolution: opt, low: z.int(), qaReviews: z.int(), qaScore: opt })) });
export const finesView = z.object({ items: fines });

export const REPORT_DOCUMENT_KINDS = ['complaint-monthly', 'inquiry-monthly'] as const;
export const reportDocumentItem = z.object({ id: z.string(), kind: z.enum(REPORT_DOCUMENT_KINDS), period: z.string(), generatedAt: isoDate, generatedBy: z.string().optional(), revision: z.int() });
export const reportDocumentList = z.object({ items: z.array(reportDocumentItem) });
export const reportDocumentView = reportDocumentItem.extend({ data: z.union([complaintAnalysisView, inquiryView]) });
export const generateBody = z.strictObject({ kind: z.enum(REPORT_DOCUMENT_KINDS), period: month });
export const exportParams = z.strictObject({ id: objectId, format: z.enum(['csv', 'xlsx']) });
export const liveExportParams = z.strictObject({ report: z.enum(['dashboard', 'daily', 'inquiries', 'complaints', 'csat', 'deductions']), format: z.enum(['csv', 'xlsx']) });
export const liveExportQuery = z.strictObject({ from: day.optional(), to: day.optional(), day: day.optional(), month: month.optional(), channel: z.enum(CHANNELS).optional(), agent: objectId.optional(), lang: z.enum(LOCALES).optional() });
/** The language of an export's headers and values (default: the user's console language, else zh-CN). */
export const exportLangQuery = z.strictObject({ lang: z.enum(LOCALES).optional() });
export const fileAnswer = z.string().meta({ description: 'the file: CSV (UTF-8 with BOM) or XLSX' });

/** QA spot checks. */
export const qaView = z
  .object({
    id: z.string(),
    week: z.string(),
    agent: z.object({ id: z.string(), name: z.string() }),
    conversationId: z.string(),
    closedAt: isoDate.optional(),
    status: z.enum(['pending', 'scored']),
    scores: z.object(Object.fromEntries(QA_ITEMS.map((i) => [i, z.int().optional()])) as Record<(typeof QA_ITEMS)[number], z.ZodOptional<z.ZodInt>>),
    total: opt,
    comment: z.string().optional(),
    reviewer: z.string().optional(),
    scoredAt: isoDate.optional(),
  })
  .meta({ id: 'QaReview' });
export const qaQuery = z.strictObject({ week: z.string().regex(/^\d{4}-W\d{2}$/, 'must be a week like 2025-W27').optional(), agent: objectId.optional(), status: z.enum(['pending', 'scored']).optional() });
export const qaList = z.object({ items: z.array(qaView) });
export const qaScoreBody = z.strictObject({ scores: z.strictObject(Object.fromEntries(QA_ITEMS.map((i) => [i, score])) as Record<(typeof QA_ITEMS)[number], typeof score>), comment: z.string().trim().max(2000).optional() });
