import type { Types } from 'mongoose';
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
