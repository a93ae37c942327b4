import type { Logger } from 'pino';
import type { ChannelId } from '../../core/message';
import type { AdapterRegistry } from '../../channels/registry';
import type { EventBus } from '../../conversation/events';
import { Message } from '../../domain/message/message.model';
import { toOutbound } from '../../conversation/message-view';
import { ChannelError } from '../../errors';

/**
 * Sends every stored outbound message whose delivery is pending through its channel's adapter,
 * one conversation at a time and in order. A message that finally cannot be sent is marked
 * failed with the reason (agents see it) instead of being dropped.
 */
export function registerOutboundDelivery(events: EventBus, registry: AdapterRegistry, log: Logger): void {
  const chains = new Map<string, Promise<void>>();
  events.on('message.created', ({ message, conversation }) => {
    if (message.direction !== 'out' || message.internal || message.delivery?.state !== 'pending') return;
    const adapter = registry.get(message.channel as ChannelId);
    if (!adapter) return;
    const key = String(conversation._id);
    const run = (chains.get(key) ?? Promise.resolve()).then(async () => {
      const ref = { channel: conversation.channel as ChannelId, externalUserId: conversation.externalUserId, conversationKey: conversation.conversationKey, replyContext: (conversation.replyContext ?? undefined) as Record<string, unknown> | undefined };
      try {
        await adapter.send(ref, [toOutbound(message)]);
        const sent = await Message.findByIdAndUpdate(message._id, { $set: { 'delivery.state': 'sent', 'delivery.at': new Date() }, $inc: { 'delivery.attempts': 1 } }, { new: true });
        if (sent) events.emit('message.delivery', { message: sent });
      } catch (err) {
        const reason = err instanceof ChannelError ? `${err.platform} ${err.platformCode ?? ''}: ${err.message}` : (err as Error).message;
        log.error({ err, messageId: String(message._id), channel: message.channel }, 'message could not be delivered');
        const failed = await Message.findByIdAndUpdate(message._id, { $set: { 'delivery.state': 'failed', 'delivery.error': reason.slice(0, 500), 'delivery.at': new Date() }, $inc: { 'delivery.attempts': 1 } }, { new: true });
        if (failed) events.emit('message.delivery', { message: failed });
      }
    });
    const tail = run.catch(() => undefined);
    chains.set(key, tail);
    void tail.then(() => chains.get(key) === tail && chains.delete(key));
  });
}
