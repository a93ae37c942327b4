import { z } from 'zod';
import { isoDate, month, objectId, score, text } from './common';
import { CHANNELS } from './enums';
import { COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES, COMPLAINT_STATUSES, COMPLAINT_STEP_NAMES } from '../../domain/complaint/complaint-kinds';
import { PENALTY_STATUSES } from '../../domain/penalty/penalty-kinds';
import { fen, historyLine, personRef, signature, when } from './back-office-common';

/** A complaint of the register with every step taken so far. */
export const complaintView = z
  .object({
    id: z.string(),
    number: z.string().optional(),
    customer: z.object({ id: z.string(), name: z.string().optional(), phone: z.string().optional() }),
    conversationId: z.string().optional(),
    channel: z.enum(CHANNELS),
    severity: z.enum(COMPLAINT_SEVERITIES),
    category: z.enum(COMPLAINT_CATEGORIES),
    description: z.string(),
    occurredAt: z.string().optional(),
    involved: z.string().optional(),
    contactPhone: z.string().optional(),
    status: z.enum(COMPLAINT_STATUSES),
    assignee: personRef.optional(),
    feedbackDueAt: isoDate,
    overdue: z.boolean(),
    lastFeedbackAt: isoDate.optional(),
    nextContactAt: isoDate.optional(),
    escalated: z.boolean().describe('the current deadline passed and was escalated to the managers'),
    justified: z.boolean().optional(),
    judgement: signature.extend({ reply: z.string().optional() }).optional(),
    investigation: signature.extend({ cause: z.string().optional(), store: z.string().optional() }).optional(),
    responsible: z.object({ staff: personRef.optional(), user: personRef.optional(), description: z.string().optional() }).optional(),
    resolution: z.string().optional(),
    compensationFen: z.int().optional(),
    proposal: signature.optional(),
    approvals: z.object({ manager: signature.extend({ note: z.string().optional() }).optional(), generalManager: signature.extend({ note: z.string().optional() }).optional() }),
    needsGeneralManager: z.boolean(),
    informed: signature.extend({ text: z.string().optional() }).optional(),
    satisfaction: signature.extend({ score: z.int().optional(), comment: z.string().optional() }).optional(),
    summary: signature.extend({ text: z.string().optional(), improvement: z.string().optional() }).optional(),
    closedAt: isoDate.optional(),
    createdAt: isoDate,
    history: z.array(historyLine),
    steps: z.array(z.enum(COMPLAINT_STEP_NAMES)).describe('the steps that apply now'),
  })
  .meta({ id: 'Complaint' });

export const complaintsQuery = z.strictObject({
  view: z.enum(['open', 'overdue', 'mine', 'closed', 'all']).default('open'),
  status: z.enum(COMPLAINT_STATUSES).optional(),
  severity: z.enum(COMPLAINT_SEVERITIES).optional(),
  category: z.enum(COMPLAINT_CATEGORIES).optional(),
  customer: objectId.optional(),
  q: z.string().trim().max(100).optional(),
});
export const complaintList = z.object({ items: z.array(complaintView) });

export const stepParams = z.strictObject({ id: objectId, step: z.enum(COMPLAINT_STEP_NAMES) });
/** The data of a step; which fields a step needs is in COMPLAINT_STEPS (400 names a missing one). */
export const stepBody = z.strictObject({
  note: text(2000).optional(),
  justified: z.boolean().optional(),
  reply: text(2000).optional(),
  cause: text(5000).optional(),
  store: z.string().trim().max(100).optional(),
  responsible: z.strictObject({ staff: objectId.optional(), user: objectId.optional(), description: z.string().trim().max(500).optional() }).optional(),
  resolution: text(5000).optional(),
  compensationFen: fen.optional(),
  text: text(2000).optional(),
  score: score.optional(),
  comment: z.string().trim().max(2000).optional(),
  summary: text(5000).optional(),
  improvement: z.string().trim().max(5000).optional(),
});
export const feedbackBody = z.strictObject({ note: text(2000), nextContactAt: when.optional() });
export const assignBody = z.strictObject({ assignee: objectId.nullable() });

/** 职员处罚单. */
export const penaltyView = z
  .object({
    id: z.string(),
    number: z.string(),
    complaintId: z.string().optional(),
    subject: z.object({ kind: z.enum(['staff', 'user']), id: z.string(), name: z.string() }),
    amountFen: z.int(),
    reason: z.string(),
    status: z.enum(PENALTY_STATUSES),
    month: z.string().optional(),
    issued: signature,
    acknowledged: signature.extend({ note: z.string().optional(), onPaper: z.boolean().optional() }).optional(),
    signedOff: signature.optional(),
    cancelled: signature.extend({ note: z.string().optional() }).optional(),
    createdAt: isoDate,
  })
  .meta({ id: 'PenaltySlip' });
export const penaltyBody = z.strictObject({
  complaint: objectId.optional(),
  subject: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('staff'), staff: objectId }), z.strictObject({ kind: z.literal('user'), user: objectId })]),
  amountFen: fen.min(1),
  reason: text(1000),
  month: month.optional(),
});
export const penaltiesQuery = z.strictObject({ status: z.enum(PENALTY_STATUSES).optional(), month: month.optional(), complaint: objectId.optional() });
export const penaltyList = z.object({ items: z.array(penaltyView) });
export const penaltyActionParams = z.strictObject({ id: objectId, action: z.enum(['acknowledge', 'sign', 'cancel']) });
export const penaltyActionBody = z.strictObject({ note: z.string().trim().max(500).optional(), month: month.optional() });
export const deductionQuery = z.strictObject({ month });
export const deductionSheetView = z.object({
  month: z.string(),
  totalFen: z.int(),
  lines: z.array(z.object({ key: z.string(), kind: z.enum(['staff', 'user']), name: z.string(), slips: z.array(z.object({ number: z.string(), reason: z.string(), amountFen: z.int() })), violations: z.int(), totalFen: z.int() })),
});
