/**
 * What a console user is and can be, as plain constants: the mongoose model, the HTTP contract and
 * the browser all read them from here (no mongoose, no zod: the console bundle imports this file).
 */
export const ROLES = ['agent', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** 在线 / 离开 / 离线: only online agents receive chats. */
export const PRESENCES = ['online', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCES)[number];

/** The manager roles: they may do all an agent can, on any chat. */
export const MANAGER_ROLES: readonly Role[] = ['manager', 'admin'];
