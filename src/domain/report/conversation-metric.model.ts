import { Schema, model, type InferSchemaType } from 'mongoose';
import { CHANNELS } from '../../core/message';

/**
 * What the reports need of a finished chat, computed once when it closes (business-hours aware
 * durations cannot be computed inside an aggregation): `_id` is the conversation's. The SLA
 * report reads this collection in one scan of its date range.
 */
const conversationMetricSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    channel: { type: String, enum: CHANNELS, required: true },
    agent: { type: Schema.Types.ObjectId, ref: 'User' },
    createdAt: { type: Date, required: true },
    closedAt: Date,
    handedOff: { type: Boolean, required: true },
    /** Business seconds from the hand-off to the first human reply. */
    firstResponseSeconds: Number,
    /** Business seconds from the hand-off (or the start, for the bot alone) to the close. */
    resolutionSeconds: Number,
    firstResponseWithin: Boolean,
    resolutionWithin: Boolean,
  },
  { timestamps: false, versionKey: false },
);
conversationMetricSchema.index({ createdAt: 1 });

export type ConversationMetricFields = InferSchemaType<typeof conversationMetricSchema>;
export const ConversationMetric = model('ConversationMetric', conversationMetricSchema, 'conversation_metrics');
