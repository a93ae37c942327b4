import { Types, type FilterQuery } from 'mongoose';
import { Message, type MessageDoc, type MessageFields } from './message.model';

/**
 * A page of a conversation's transcript in time order, after a cursor (a message id). Ordered by
 * createdAt, then _id: ObjectIds made by two service instances are not in time order within a
 * second, so neither the order nor the cursor may rest on _id alone.
 */
export async function transcriptPage(conversation: Types.ObjectId, options: { after?: string; limit: number; filter?: FilterQuery<MessageFields> }): Promise<MessageDoc[]> {
  const base: FilterQuery<MessageFields> = { conversation, ...(options.filter ?? {}) };
  let filter = base;
  if (options.after) {
    const cursor = await Message.findById(options.after, { createdAt: 1 }).lean();
    if (cursor?.createdAt) {
      const at = cursor.createdAt;
      filter = { ...base, $or: [{ createdAt: { $gt: at } }, { createdAt: at, _id: { $gt: new Types.ObjectId(options.after) } }] };
    }
  }
  return Message.find(filter).sort({ createdAt: 1, _id: 1 }).limit(options.limit);
}
