import type { ChannelId } from '../core/message';
import { Conversation } from '../domain/conversation/conversation.model';

/**
 * The channel to reach a customer on without them writing first: the channel of their latest
 * conversation, if the service can deliver there (an adapter is on, or the web widget).
 */
export async function proactiveChannel(customerId: unknown, canDeliver: (channel: ChannelId) => boolean): Promise<ChannelId | undefined> {
  const latest = await Conversation.find({ customer: customerId }).sort({ lastMessageAt: -1 }).limit(5).lean();
  return latest.map((c) => c.channel as ChannelId).find(canDeliver);
}
