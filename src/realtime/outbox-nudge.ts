import type { Server } from 'socket.io';
import type { ChannelId } from '../core/message';
import type { AdapterRegistry } from '../channels/registry';
import type { Outbox } from '../conversation/outbox';

const EVENT = 'outbox:nudge';

/**
 * A message stored on one instance for a channel whose one connection lives on another (OneBot
 * reverse WebSocket, wechaty) is announced to all instances (socket.io server-side events, over
 * Redis when several run); the instance that owns the connection sends it at once. Without Redis
 * there is one instance, or the owner's recovery sweep finds the message.
 */
export function wireOutboxNudges(io: Server, outbox: Outbox, adapters: AdapterRegistry, spansInstances: boolean): void {
  const resumeHere = (channel: ChannelId) => {
    const adapter = adapters.get(channel);
    if (adapter?.sendsHere?.()) void outbox.resume(channel);
  };
  outbox.nudgeOwner = (channel) => {
    resumeHere(channel);
    if (spansInstances) io.serverSideEmit(EVENT, channel);
  };
  io.on(EVENT, (channel: unknown) => {
    if (typeof channel === 'string') resumeHere(channel as ChannelId);
  });
}
