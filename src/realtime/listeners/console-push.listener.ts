import type { Namespace } from 'socket.io';
import type { Logger } from 'pino';
import type { EventBus } from '../../conversation/events';
import { Conversation } from '../../domain/conversation/conversation.model';
import { toChatMessage } from '../../conversation/message-view';
import { toListItems } from '../../conversation/conversation-view';
import { orderedByKey } from '../ordered';
import { consoleAudience, rooms } from '../rooms';

/**
 * Pushes to agents' console sockets: `conversation` (the inbox row) to everyone whenever a chat
 * changes, so every inbox can move it between its lists; `message` (with internal notes and
 * delivery state) to those who follow that chat, again when its delivery state changes;
 * `presence` of an agent to managers and to that agent's own consoles.
 */
export function registerConsolePush(events: EventBus, consoleNsp: Namespace, log: Logger): void {
  const ordered = orderedByKey((err) => log.error({ err }, 'console push failed'));

  events.on('message.created', ({ message, conversation }) => {
    consoleAudience(consoleNsp, conversation).emit('message', { conversationId: String(conversation._id), message: toChatMessage(message, 'console') });
  });

  events.on('message.delivery', ({ message }) => {
    const id = String(message.conversation);
    void ordered(id, async () => {
      const conversation = await Conversation.findById(id, { status: 1, assignee: 1 }).lean();
      if (conversation) consoleAudience(consoleNsp, conversation).emit('message', { conversationId: id, message: toChatMessage(message, 'console') });
    });
  });

  // The user's own consoles follow their presence (set elsewhere, or offline after the grace
  // period); managers' team boards follow everyone's.
  events.on('agent.presence', ({ user }) => {
    const payload = { userId: String(user._id), presence: user.presence ?? 'offline', active: user.active !== false };
    consoleNsp.to(rooms.managers).to(rooms.user(user._id)).emit('presence', payload);
  });

  events.on('conversation.updated', ({ conversation }) => {
    const id = String(conversation._id);
    void ordered(id, async () => {
      const current = await Conversation.findById(id).lean();
      if (!current) return;
      const [item] = await toListItems([current]);
      consoleNsp.to(rooms.console).emit('conversation', item);
    });
  });
}
