import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { withReportDay } from '../shared/schema-helpers';
import { PHRASE_CATEGORIES } from './forbidden-phrase.model';

/**
 * The violations ledger (罚款记录): one entry per forbidden phrase an agent tried to send, with
 * the category and fine as they were at that moment. Written once, never updated.
 */
const violationSchema = new Schema(
  {
    agent: {
      id: { type: Schema.Types.ObjectId, ref: 'User', required: true },
      name: { type: String, required: true },
      number: { type: String, required: true },
    },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
    phrase: { type: String, required: true, maxlength: 200 },
    category: { type: String, enum: PHRASE_CATEGORIES, required: true },
    fine: { type: Number, required: true, min: 0 },
    dismissal: { type: Boolean, default: false },
    /** What the agent tried to send (refused, never delivered). */
    text: { type: String, required: true, maxlength: 8000 },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
withReportDay(violationSchema);
violationSchema.index({ at: -1 });
violationSchema.index({ 'agent.id': 1, at: -1 });

export type ViolationFields = InferSchemaType<typeof violationSchema>;
export type ViolationDoc = HydratedDocument<ViolationFields>;
export const Violation = model('Violation', violationSchema);
