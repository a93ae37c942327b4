import { z } from 'zod';
import { isoDate, labels, limit, objectId, text } from './common';
import { LOCALES, PRESENCES, ROLES } from './enums';

const agentNumber = z.string().regex(/^\w{1,8}$/, 'must be 1–8 letters or digits');
const password = z.string().min(10, 'must be at least 10 characters').max(200);
const maxChats = z.int().min(1).max(50);

/** A console user as the console sees them (never the password hash or lockout counters). */
export const consoleUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    agentNumber: z.string(),
    presence: z.enum(PRESENCES),
    maxChats: z.int().optional(),
    skills: z.array(z.string()),
    groups: z.array(z.string()),
    locale: z.enum(LOCALES).optional(),
    active: z.boolean(),
    lastLoginAt: isoDate.optional(),
    createdAt: isoDate.optional(),
  })
  .meta({ id: 'ConsoleUser' });

export const userAnswer = z.object({ user: consoleUser });
/** A password the service generated, shown once. */
export const userWithPassword = z.object({ user: consoleUser, password: z.string().optional().describe('generated, shown only in this answer') });

export const loginBody = z.strictObject({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) });

/** An admin creates a user; without a password one is generated and answered once. */
export const userCreateBody = z.strictObject({
  email: z.email().max(200),
  name: text(100),
  role: z.enum(ROLES),
  agentNumber: agentNumber.optional().describe('free number from 101 up when left out'),
  password: password.optional(),
  maxChats: maxChats.optional(),
  skills: labels().optional().describe('for routing: e.g. 订单, 投诉, 英语'),
  groups: labels().optional(),
  locale: z.enum(LOCALES).optional(),
});

/** An admin changes a user; `active: false` disables them (signed out, offline). */
export const userUpdateBody = z
  .strictObject({
    email: z.email().max(200).optional(),
    name: text(100).optional(),
    role: z.enum(ROLES).optional(),
    agentNumber: agentNumber.optional(),
    maxChats: maxChats.nullable().optional().describe('null: the AGENT_MAX_CHATS default'),
    skills: labels().optional(),
    groups: labels().optional(),
    locale: z.enum(LOCALES).nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' });

export const passwordResetBody = z.strictObject({ password: password.optional().describe('a new password; generated when left out') });
export const passwordAnswer = z.object({ password: z.string().optional().describe('generated, shown only in this answer') });
export const passwordChangeBody = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: password });
export const presenceBody = z.strictObject({ presence: z.enum(PRESENCES) });
export const usersQuery = z.strictObject({ includeDisabled: z.enum(['true', 'false']).optional() });

/** An agent with their presence and load, for the transfer list and the managers' team board. */
export const agentSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    agentNumber: z.string(),
    role: z.enum(ROLES),
    presence: z.enum(PRESENCES),
    activeChats: z.int(),
    maxChats: z.int(),
    skills: z.array(z.string()),
    groups: z.array(z.string()),
    presenceSeenAt: isoDate.optional().describe('last moment a console of theirs was known open'),
  })
  .meta({ id: 'AgentSummary' });

/** One line of the audit log. */
export const auditEntry = z.object({
  id: z.string(),
  at: isoDate,
  actor: z.object({ type: z.string(), id: z.string().optional(), name: z.string().optional() }),
  action: z.string(),
  entity: z.object({ type: z.string(), id: z.string() }),
  changes: z.unknown().optional(),
});
export const auditQuery = z.strictObject({ entityType: z.string().regex(/^\w{1,50}$/).optional(), entityId: objectId.optional(), limit: limit(500, 100) });
