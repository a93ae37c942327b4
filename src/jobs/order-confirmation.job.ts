import type { Logger } from 'pino';
import type { ChannelId } from '../core/message';
import type { ConversationService } from '../conversation/conversation.service';
import { Order } from '../domain/order/order.model';
import { proactiveChannel } from './proactive-channel';
import type { JobDefinition } from './scheduler';

/**
 * 订单确认 (001 §一.3(2)): orders placed on the website wait as `pending` until the customer
 * confirms them; the bot asks in the customer's chat (the order-confirmation flow), once per order.
 */
export function orderConfirmationJob(deps: { conversations: ConversationService; canDeliver: (c: ChannelId) => boolean; log: Logger }): JobDefinition {
  return {
    name: 'order-confirmations',
    repeat: '2 minutes',
    // Agenda runs a job on one instance at a time; each order is also claimed by compare-and-set
    // before the bot asks, so nothing is asked twice even if two runs overlapped.
    run: async () => {
      const pending = await Order.find({ status: 'pending', source: 'web', confirmationRequestedAt: null }).sort({ createdAt: 1 }).limit(100);
      for (const order of pending) {
        const channel = await proactiveChannel(order.customer, deps.canDeliver);
        if (!channel) continue;
        const claimed = await Order.updateOne({ _id: order._id, confirmationRequestedAt: null }, { $set: { confirmationRequestedAt: new Date() } });
        if (!claimed.modifiedCount) continue;
        try {
          await deps.conversations.startFlow({ customerId: String(order.customer), channel, flowId: 'order-confirmation', values: { orderId: String(order._id) } });
          deps.log.info({ order: order.number, channel }, 'order confirmation started');
        } catch (err) {
          // One customer's failure must not hold up the others; it is retried on the next run.
          await Order.updateOne({ _id: order._id }, { $unset: { confirmationRequestedAt: 1 } });
          deps.log.error({ err, order: order.number }, 'order confirmation could not start');
        }
      }
    },
  };
}
