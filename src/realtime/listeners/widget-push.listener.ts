import type { Namespace } from 'socket.io';
import type { Logger } from 'pino';
import type { EventBus } from '../../conversation/events';
import { Conversation } from '../../domain/conversation/conversation.model';
import { toChatMessage } from '../../conversation/message-view';
import { customerState } from '../../conversation/conversation-view';
import { waitingQueue } from '../../conversation/queue';
import { orderedByKey } from '../ordered';
import { rooms } from '../rooms';

/**
 * Pushes to the customer's widget sockets: every message they may see (their own from another
 * tab too, never internal notes), and the conversation's state on each change. When the queue
 * moves, every waiting customer hears their new position.
 */
export function registerWidgetPush(events: EventBus, widget: Namespace, log: Logger): void {
  const ordered = orderedByKey((err) => log.error({ err }, 'widget push failed'));

  events.on('message.created', ({ message, conversation }) => {
    if (message.internal) return;
    widget.to(rooms.conversation(conversation._id)).emit('message', toChatMessage(message, 'customer'));
  });

  events.on('conversation.updated', ({ conversation, change }) => {
    const id = String(conversation._id);
    void ordered(id, async () => {
      // Read afresh: by the time this runs the chat may have moved on (e.g. assigned at once).
      const current = await Conversation.findById(id);
      if (current) widget.to(rooms.conversation(id)).emit('conversation', await customerState(current));
    });
    if (change !== 'rated') void ordered('queue', () => announceQueue(widget, id));
  });
}

/** Tells each waiting customer how many are now ahead of them. */
async function announceQueue(widget: Namespace, except: string): Promise<void> {
  const queue = await waitingQueue();
  queue.forEach((c, ahead) => {
    if (String(c._id) !== except) widget.to(rooms.conversation(c._id)).emit('conversation', { status: 'waiting', queuePosition: ahead });
  });
}
