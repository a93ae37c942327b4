import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { withReportDay } from '../shared/schema-helpers';
import { PHRASE_CATEGORIES, VIOLATION_STATUSES } from './categories';

/** A manager's (or the agent's) decision on an entry, with the reason given. */
const decisionSchema = new Schema(
  {
    action: { type: String, enum: ['confirm', 'waive', 'appeal', 'report'], required: true },
    reason: { type: String, required: true, maxlength: 500 },
    by: { id: { type: Schema.Types.ObjectId, ref: 'User' }, name: { type: String, required: true } },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * The violations ledger (罚款记录). `blocked`: the guard stopped a reply with a forbidden phrase
 * (a warning until a manager confirms it); `sent`: a manager reported a message the customer saw
 * (fined at once). The category and fine are kept as they were at that moment; `day` (local) lets
 * the ledger filter by month.
 */
const violationSchema = new Schema(
  {
    agent: {
      id: { type: Schema.Types.ObjectId, ref: 'User', required: true },
      name: { type: String, required: true },
      number: { type: String, required: true },
    },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
    message: { type: Schema.Types.ObjectId, ref: 'Message' },
    kind: { type: String, enum: ['blocked', 'sent'], default: 'blocked', required: true },
    status: { type: String, enum: VIOLATION_STATUSES, default: 'warning', required: true },
    phrase: { type: String, required: true, maxlength: 200 },
    category: { type: String, enum: PHRASE_CATEGORIES, required: true },
    /** Fine in yuan should it count (status fined). */
    fine: { type: Number, required: true, min: 0 },
    /** What the agent wrote (a blocked attempt never reached the customer). */
    text: { type: String, required: true, maxlength: 8000 },
    decisions: { type: [decisionSchema], default: [] },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { timestamps: true },
);
withReportDay(violationSchema);
violationSchema.index({ at: -1 });
violationSchema.index({ 'agent.id': 1, at: -1 });

export type ViolationFields = InferSchemaType<typeof violationSchema>;
export type ViolationDoc = HydratedDocument<ViolationFields>;
export const Violation = model('Violation', violationSchema);
