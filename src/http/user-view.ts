import type { UserDoc } from '../domain/user/user.model';
import type { ConsoleUser } from './contract';

/** A console user as the API shows them (never the password hash or lockout counters). */
export function toUserView(u: UserDoc): ConsoleUser {
  return {
    id: String(u._id),
    email: u.email,
    name: u.name,
    role: u.role,
    agentNumber: u.agentNumber,
    presence: u.presence ?? 'offline',
    ...(u.maxChats ? { maxChats: u.maxChats } : {}),
    skills: [...(u.skills ?? [])],
    groups: [...(u.groups ?? [])],
    ...(u.locale ? { locale: u.locale } : {}),
    active: u.active !== false,
    ...(u.lastLoginAt ? { lastLoginAt: u.lastLoginAt.toISOString() } : {}),
    ...(u.createdAt ? { createdAt: u.createdAt.toISOString() } : {}),
  };
}
