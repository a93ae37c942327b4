import { Types } from 'mongoose';
import { AuditLog } from './audit-log.model';

/** Who acts: a console user, the system (jobs, bootstrap), the bot, or a customer. */
export interface Actor {
  type: 'user' | 'system' | 'customer' | 'bot';
  id?: Types.ObjectId;
  name?: string;
}

export const SYSTEM: Actor = { type: 'system', name: 'system' };

/** Appends an audit record; callers await it so that a change and its trail land together. */
export async function recordAudit(actor: Actor, action: string, entity: { type: string; id: Types.ObjectId }, changes?: unknown, ip?: string): Promise<void> {
  await AuditLog.create({ actor, action, entity, changes, ip });
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  limit?: number;
}

/** The latest audit records, newest first: of one record, of one kind of record, or all. */
export async function auditTrail(filter: AuditFilter = {}) {
  const query: Record<string, unknown> = {};
  if (filter.entityType) query['entity.type'] = filter.entityType;
  if (filter.entityId) query['entity.id'] = new Types.ObjectId(filter.entityId);
  return AuditLog.find(query).sort({ createdAt: -1, _id: -1 }).limit(filter.limit ?? 100).lean();
}
