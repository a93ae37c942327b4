import { z } from 'zod';
import { isoDate, objectId, text } from './common';
import { CHANNELS } from './enums';
import { STAFF_STATUSES } from '../../domain/staff/staff-kinds';
import { RENEWAL_STATES } from '../../domain/contract/contract-states';
import { fen, historyLine, personRef, when } from './back-office-common';

const optional = (max: number) => z.string().trim().max(max).nullable().optional();

/** 客户档案: one customer with every channel they wrote from. */
export const customerArchiveView = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    phone: z.string().optional(),
    gender: z.enum(['male', 'female', 'unknown']),
    address: z.string().optional(),
    idNumber: z.string().optional(),
    notes: z.string().optional(),
    tags: z.array(z.string()),
    identities: z.array(z.object({ channel: z.enum(CHANNELS), displayName: z.string().optional(), firstSeenAt: isoDate.optional() })),
    lastSeenAt: isoDate.optional(),
    createdAt: isoDate.optional(),
  })
  .meta({ id: 'CustomerArchive' });
export const customersQuery = z.strictObject({ q: z.string().trim().max(100).optional().describe('name or part of it, phone or its last four digits, ID number'), tag: z.string().trim().max(50).optional() });
export const customerList = z.object({ items: z.array(customerArchiveView) });
export const customerArchiveBody = z
  .strictObject({ name: optional(100), phone: optional(40), gender: z.enum(['male', 'female', 'unknown']).optional(), address: optional(500), idNumber: optional(40), notes: optional(5000) })
  .refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' });
export const mergeBody = z.strictObject({ source: objectId.describe('the customer merged into this one (its identities and records move here)') });

/** 协议档案. */
export const contractView = z
  .object({
    id: z.string(),
    number: z.string(),
    customer: z.object({ id: z.string(), name: z.string().optional(), phone: z.string().optional() }),
    staff: personRef.optional(),
    store: z.string().optional(),
    consultant: personRef.optional(),
    start: isoDate,
    end: isoDate,
    daysLeft: z.int(),
    amountFen: z.int(),
    serviceAddress: z.string().optional(),
    notes: z.string().optional(),
    renewal: z.object({ state: z.enum(RENEWAL_STATES), notifiedAt: isoDate.optional(), renewedFrom: z.string().optional(), renewedTo: z.string().optional(), decidedAt: isoDate.optional(), reason: z.string().optional() }),
    history: z.array(historyLine),
    createdAt: isoDate.optional(),
  })
  .meta({ id: 'Contract' });
export const contractsQuery = z.strictObject({ view: z.enum(['active', 'renewals', 'ended', 'all']).default('active'), q: z.string().trim().max(40).optional(), customer: objectId.optional(), staff: objectId.optional(), store: z.string().trim().max(100).optional() });
export const contractList = z.object({ items: z.array(contractView) });
const contractFields = {
  number: z.string().trim().regex(/^[A-Za-z0-9-]{3,40}$/, 'must be 3–40 letters, digits or -'),
  customer: objectId,
  staff: objectId.nullable().optional(),
  store: optional(100),
  consultant: objectId.nullable().optional(),
  start: when,
  end: when,
  amountFen: fen,
  serviceAddress: optional(500),
  notes: optional(2000),
};
export const contractBody = z.strictObject(contractFields);
export const contractChangesBody = z.strictObject(contractFields).partial().refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' });
export const renewBody = z.strictObject({ number: contractFields.number, start: when, end: when, amountFen: fen, staff: objectId.optional() });
export const declineBody = z.strictObject({ reason: text(500) });

/** 家政服务人员档案 with the movement log. */
export const staffView = z
  .object({
    id: z.string(),
    name: z.string(),
    phone: z.string().optional(),
    idNumber: z.string().optional(),
    address: z.string().optional(),
    emergencyContact: z.string().optional(),
    store: z.string().optional(),
    skills: z.array(z.string()),
    status: z.enum(STAFF_STATUSES),
    placement: z.object({ customer: personRef.optional(), contractId: z.string().optional(), since: isoDate.optional() }).optional(),
    notes: z.string().optional(),
    movements: z.array(z.object({ from: z.enum(STAFF_STATUSES).optional(), to: z.enum(STAFF_STATUSES), at: isoDate, store: z.string().optional(), customer: personRef.optional(), contractId: z.string().optional(), note: z.string().optional(), by: z.string().optional() })),
    createdAt: isoDate.optional(),
  })
  .meta({ id: 'Staff' });
export const staffQuery = z.strictObject({ status: z.enum(STAFF_STATUSES).optional(), store: z.string().trim().max(100).optional(), q: z.string().trim().max(100).optional() });
export const staffList = z.object({ items: z.array(staffView) });
const staffFields = { name: text(100), phone: optional(40), idNumber: z.string().trim().regex(/^[0-9A-Za-z]{6,20}$/, 'must be 6–20 letters or digits').nullable().optional(), address: optional(500), emergencyContact: optional(200), store: optional(100), skills: z.array(text(50)).max(30).optional(), notes: optional(5000) };
export const staffBody = z.strictObject(staffFields);
export const staffChangesBody = z.strictObject(staffFields).partial().refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' });
export const staffStatusBody = z.strictObject({ to: z.enum(STAFF_STATUSES), store: z.string().trim().max(100).optional(), customer: objectId.optional(), contract: objectId.optional(), note: z.string().trim().max(1000).optional() });
