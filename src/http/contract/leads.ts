import { z } from 'zod';
import { isoDate, objectId, text } from './common';
import { CHANNELS } from './enums';
import { LEAD_STATUSES } from '../../domain/lead/lead-kinds';
import { historyLine, personRef, when } from './back-office-common';

/** 咨询 / 线索 as the work list shows it. */
export const leadView = z
  .object({
    id: z.string(),
    customer: z.object({ id: z.string(), name: z.string().optional(), phone: z.string().optional() }),
    conversationId: z.string().optional(),
    need: z.string(),
    name: z.string().optional(),
    phone: z.string().optional(),
    preferredContactTime: z.string().optional(),
    sourceChannel: z.enum(CHANNELS),
    consultant: personRef.optional(),
    handler: personRef.optional(),
    status: z.enum(LEAD_STATUSES),
    nextContactAt: isoDate.optional(),
    due: z.boolean().describe('the next contact has come'),
    lostReason: z.string().optional(),
    assignedAt: isoDate.optional(),
    signedAt: isoDate.optional(),
    createdAt: isoDate,
    history: z.array(historyLine),
  })
  .meta({ id: 'Lead' });

export const leadsQuery = z.strictObject({
  view: z.enum(['all', 'open', 'due']).default('open'),
  status: z.enum(LEAD_STATUSES).optional(),
  consultant: objectId.optional(),
  sourceChannel: z.enum(CHANNELS).optional(),
  customer: objectId.optional(),
  q: z.string().trim().max(100).optional().describe('words of the need, a name, a phone'),
});
export const leadList = z.object({ items: z.array(leadView) });

/** 分配: hand the lead to a sales consultant (it becomes assigned; they are told). */
export const leadAssignBody = z.strictObject({ consultant: objectId, note: text(2000).optional(), nextContactAt: when.optional() });
/** A follow-up contact: what happened, the next contact date, and the state it leaves the lead in. */
export const leadNoteBody = z.strictObject({
  note: text(2000),
  nextContactAt: when.nullable().optional(),
  status: z.enum(LEAD_STATUSES).optional(),
  lostReason: z.string().trim().min(1).max(500).optional(),
});
