import type { UserDoc } from '../domain/user/user.model';

/** A console user as the API shows them (never the password hash or lockout counters). */
export function toUserView(u: UserDoc) {
  return { id: String(u._id), email: u.email, name: u.name, role: u.role, agentNumber: u.agentNumber, presence: u.presence ?? 'offline', maxChats: u.maxChats ?? undefined };
}
