import { z } from 'zod';
import { isoDate, month, objectId, text } from './common';
import { userRef } from './conversations';
import { PHRASE_CATEGORIES, VIOLATION_KINDS, VIOLATION_STATUSES } from './enums';

/** A forbidden phrase found in a text, with the approved wording. */
export const phraseMatch = z.object({ phrase: z.string(), alternative: z.string(), category: z.enum(PHRASE_CATEGORIES), fine: z.number() });
export const checkBody = z.strictObject({ text: z.string().max(4000) });
export const checkAnswer = z.object({ matches: z.array(phraseMatch) });

/** 服务禁语 as managers edit it; `exceptions` are longer words that contain it and are fine (神经病史). */
export const forbiddenPhrase = phraseMatch.extend({ id: z.string(), exceptions: z.array(z.string()) }).meta({ id: 'ForbiddenPhrase' });
export const phraseBody = z.strictObject({
  phrase: text(200),
  alternative: text(1000),
  category: z.enum(PHRASE_CATEGORIES),
  fine: z.number().min(0).max(100000),
  exceptions: z.array(text(200)).max(50).optional(),
});

const decision = z.object({ action: z.string(), reason: z.string(), by: z.object({ id: z.string().optional(), name: z.string() }), at: isoDate });

/** A ledger entry: a blocked attempt (a warning) or an offence the customer saw. */
export const violation = z
  .object({
    id: z.string(),
    at: isoDate,
    agent: userRef,
    conversationId: z.string(),
    messageId: z.string().optional(),
    kind: z.enum(VIOLATION_KINDS),
    status: z.enum(VIOLATION_STATUSES),
    phrase: z.string(),
    category: z.enum(PHRASE_CATEGORIES),
    fine: z.number().describe('the fine in yuan if it counts (fined)'),
    text: z.string(),
    decisions: z.array(decision),
  })
  .meta({ id: 'Violation' });

/** Per agent and category over the period: fined offences, their fines, and whether the rule's count is reached. */
export const agentTally = z.object({
  agent: userRef,
  warnings: z.int(),
  offences: z.int(),
  fines: z.number(),
  dismissal: z.boolean(),
  byCategory: z.array(z.object({ category: z.enum(PHRASE_CATEGORIES), offences: z.int(), fines: z.number(), dismissalAt: z.int().optional(), dismissal: z.boolean() })),
});

export const ledgerQuery = z.strictObject({ month: month.optional().describe('local month; all time when left out'), agentId: objectId.optional(), status: z.enum(VIOLATION_STATUSES).optional() });
export const ledger = z.object({ items: z.array(violation), byAgent: z.array(agentTally) });
export const decisionBody = z.strictObject({ reason: text(500) });
export const decisionParams = z.strictObject({ id: objectId, decision: z.enum(['confirm', 'waive', 'appeal']) });
/** A manager reports a sent agent message as an offence (the customer saw it): fined at once. */
export const reportBody = z.strictObject({
  messageId: objectId,
  category: z.enum(PHRASE_CATEGORIES),
  phrase: text(200).optional().describe('the wording at fault; the whole message when left out'),
  reason: text(500),
});
