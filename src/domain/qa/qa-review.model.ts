import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { scoreField } from '../shared/schema-helpers';
import { QA_ITEMS } from './qa-kinds';

/** 质检抽查 (002 ch.8): one sampled chat of an agent for a manager to score on the scorecard. */
const qaReviewSchema = new Schema(
  {
    /** `<week>:<conversation>`: a chat is sampled once a week. */
    key: { type: String, required: true },
    week: { type: String, required: true, match: /^\d{4}-W\d{2}$/ },
    agent: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
    closedAt: Date,
    status: { type: String, enum: ['pending', 'scored'], default: 'pending', required: true },
    scores: Object.fromEntries(QA_ITEMS.map((i) => [i, scoreField])),
    /** The mean of the items, 1–5. */
    total: { type: Number, min: 1, max: 5 },
    comment: { type: String, maxlength: 2000 },
    reviewer: { id: { type: Schema.Types.ObjectId, ref: 'User' }, name: String },
    scoredAt: Date,
  },
  { timestamps: true },
);
qaReviewSchema.index({ key: 1 }, { unique: true });
qaReviewSchema.index({ week: 1, agent: 1 });

export type QaReviewFields = InferSchemaType<typeof qaReviewSchema>;
export type QaReviewDoc = HydratedDocument<QaReviewFields>;
export const QaReview = model('QaReview', qaReviewSchema);
