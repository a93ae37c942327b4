import { Schema, model } from 'mongoose';

/**
 * Inbound messages waiting for their turn (the message's own _id). Small by nature — entries are
 * removed when the turn is done — so finding a conversation's oldest pending message is cheap on
 * any server, FerretDB's full scans included.
 */
const turnQueueSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
turnQueueSchema.index({ conversation: 1, _id: 1 });

export const TurnQueue = model('TurnQueue', turnQueueSchema, 'turnqueue');
