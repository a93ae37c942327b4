import { Schema, model } from 'mongoose';

/**
 * Which conversation is open on a channel thread: `_id = <channel>:<conversationKey>`. Found by
 * _id on every inbound message (FerretDB 1.x on SQLite scans for anything but _id). A thread
 * pointing at a closed conversation is stale and replaced.
 */
const conversationThreadSchema = new Schema(
  {
    _id: { type: String, required: true },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
  },
  { timestamps: true, versionKey: false },
);

export const ConversationThread = model('ConversationThread', conversationThreadSchema);
