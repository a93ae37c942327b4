import type mongoose from 'mongoose';
import type { EventBus } from '../conversation/events';
import { Conversation } from '../domain/conversation/conversation.model';
import { Message } from '../domain/message/message.model';
import { databaseErrors, deliveries, deliveryFailures, messagesReceived, messagesSent, setQueueProbe } from './metrics';

/**
 * Counts what the services announce (messages stored in and out, delivery outcomes), watches the
 * database connection for failures, and installs the queue probe the gauges read. Returns a stop
 * function for the service's close().
 */
export function watchService(events: EventBus, connection: mongoose.Connection): () => void {
  events.on('message.created', ({ message }) => {
    if (message.internal) return;
    if (message.direction === 'in') messagesReceived.inc({ channel: message.channel });
    else messagesSent.inc({ channel: message.channel, author: message.author });
  });
  events.on('message.delivery', ({ message }) => {
    const state = message.delivery?.state;
    if (state === 'sent') deliveries.inc({ channel: message.channel, result: 'sent' });
    else if (state === 'pending' && message.delivery?.error) deliveries.inc({ channel: message.channel, result: 'retry' });
    else if (state === 'failed') {
      deliveries.inc({ channel: message.channel, result: 'failed' });
      deliveryFailures.inc({ channel: message.channel });
    }
  });

  const onDisconnected = () => databaseErrors.inc({ kind: 'disconnected' });
  const onError = () => databaseErrors.inc({ kind: 'connection' });
  const onHeartbeatFailed = () => databaseErrors.inc({ kind: 'heartbeat' });
  connection.on('disconnected', onDisconnected);
  connection.on('error', onError);
  const client = connection.getClient();
  client.on('serverHeartbeatFailed', onHeartbeatFailed);

  setQueueProbe({
    async pendingTurns() {
      const [row] = await Conversation.aggregate<{ n: number }>([
        { $match: { pending: { $type: 'objectId' } } },
        { $project: { n: { $size: '$pending' } } },
        { $group: { _id: null, n: { $sum: '$n' } } },
      ]);
      return row?.n ?? 0;
    },
    waitingChats: () => Conversation.countDocuments({ status: 'waiting' }),
    pendingDeliveries: () => Message.countDocuments({ 'delivery.state': 'pending' }),
  });

  return () => {
    setQueueProbe(undefined);
    connection.off('disconnected', onDisconnected);
    connection.off('error', onError);
    client.off('serverHeartbeatFailed', onHeartbeatFailed);
  };
}
