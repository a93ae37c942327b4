import { z } from 'zod';
import { isoDate, objectId, score, text } from './common';
import { FOLLOW_UP_REASONS, FOLLOW_UP_STATUSES, FOLLOW_UP_VIA } from '../../domain/follow-up/follow-up-kinds';
import { personRef, when } from './back-office-common';

/** 回访 as the work lists show it. */
export const followUpView = z
  .object({
    id: z.string(),
    targetType: z.enum(['customer', 'staff']),
    target: z.object({ id: z.string(), name: z.string().optional(), phone: z.string().optional() }),
    reason: z.enum(FOLLOW_UP_REASONS),
    status: z.enum(FOLLOW_UP_STATUSES),
    dueAt: isoDate,
    overdue: z.boolean(),
    script: z.string(),
    byBot: z.boolean().describe('the bot sends its survey on the customer’s channel'),
    via: z.string().optional(),
    orderId: z.string().optional(),
    contractId: z.string().optional(),
    conversationId: z.string().optional(),
    complaintId: z.string().optional(),
    notes: z.string().optional(),
    result: z.string().optional(),
    scores: z.object({ attitude: z.int().optional(), speed: z.int().optional(), resolution: z.int().optional() }).optional(),
    comment: z.string().optional(),
    recordedBy: personRef.optional(),
    completedAt: isoDate.optional(),
    createdAt: isoDate.optional(),
  })
  .meta({ id: 'FollowUp' });

export const followUpsQuery = z.strictObject({
  view: z.enum(['due_today', 'overdue', 'scheduled', 'done', 'all']).default('due_today'),
  targetType: z.enum(['customer', 'staff']).optional(),
  customer: objectId.optional(),
  staff: objectId.optional(),
});
export const followUpList = z.object({ items: z.array(followUpView) });
export const followUpBody = z
  .strictObject({
    targetType: z.enum(['customer', 'staff']),
    customer: objectId.optional(),
    staff: objectId.optional(),
    dueAt: when,
    reason: z.enum(FOLLOW_UP_REASONS).optional(),
    byBot: z.boolean().optional().describe('customers only: the bot sends the survey when their channel can be reached'),
    notes: z.string().trim().max(2000).optional(),
  })
  .refine((b) => (b.targetType === 'customer' ? !!b.customer : !!b.staff), { message: 'the customer (or staff) the visit is for is required', path: ['customer'] });
export const followUpResultBody = z.strictObject({
  via: z.enum(FOLLOW_UP_VIA),
  result: text(5000),
  scores: z.strictObject({ attitude: score, speed: score, resolution: score }).optional(),
  comment: z.string().trim().max(2000).optional(),
});
export const followUpCloseBody = z.strictObject({ to: z.enum(['cancelled', 'missed']), note: text(500) });
