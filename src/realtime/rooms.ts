import type { Namespace } from 'socket.io';
import type { Types } from 'mongoose';

/** Socket.io rooms: one per conversation (widget), per user, per session, and the console roles. */
export const rooms = {
  conversation: (id: string | Types.ObjectId) => `conv:${String(id)}`,
  user: (id: string | Types.ObjectId) => `user:${String(id)}`,
  session: (id: string) => `session:${id}`,
  /** Every signed-in console user. */
  console: 'console',
  managers: 'managers',
};

/**
 * The console users who follow a conversation's messages and typing: managers always, its
 * agent while assigned, every agent while it waits in the queue.
 */
export function consoleAudience(nsp: Namespace, conversation: { status: string; assignee?: Types.ObjectId | null }) {
  if (conversation.status === 'waiting') return nsp.to(rooms.console);
  return conversation.assignee ? nsp.to(rooms.managers).to(rooms.user(conversation.assignee)) : nsp.to(rooms.managers);
}
