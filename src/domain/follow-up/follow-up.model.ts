import { Schema, Types, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { CHANNELS } from '../../core/message';
import { scoreField, withReportDay } from '../shared/schema-helpers';
import { FOLLOW_UP_REASONS, FOLLOW_UP_STATUSES, FOLLOW_UP_VIA } from './follow-up-kinds';

export { FOLLOW_UP_STATUSES } from './follow-up-kinds';

/** 回访: a scheduled contact with a customer or a service worker, with a script and a survey. */
const followUpSchema = new Schema(
  {
    targetType: { type: String, enum: ['customer', 'staff'], required: true },
    customer: { type: Schema.Types.ObjectId, ref: 'Customer' },
    staff: { type: Schema.Types.ObjectId, ref: 'Staff' },
    contract: { type: Schema.Types.ObjectId, ref: 'Contract' },
    order: { type: Schema.Types.ObjectId, ref: 'Order' },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation' },
    reason: { type: String, enum: FOLLOW_UP_REASONS, default: 'periodic' },
    /**
     * Once per cause: `after_order:<order>`, `after_placement:<worker>:<customer>:<date>`… (unique),
     * so a rule applied twice schedules one visit; a visit by hand gets a key of its own.
     */
    ruleKey: { type: String, required: true, default: () => `manual:${new Types.ObjectId().toHexString()}` },
    via: { type: String, enum: [...CHANNELS, ...FOLLOW_UP_VIA] },
    dueAt: { type: Date, required: true },
    /** The flow (bot) or script key (agent) used. */
    script: { type: String, maxlength: 100, default: 'follow-up-survey' },
    status: { type: String, enum: FOLLOW_UP_STATUSES, default: 'scheduled', required: true },
    assignee: { type: Schema.Types.ObjectId, ref: 'User' },
    result: { type: String, maxlength: 5000 },
    scores: { attitude: scoreField, speed: scoreField, resolution: scoreField },
    comment: { type: String, maxlength: 2000 },
    /** The complaint opened because of a low score. */
    complaint: { type: Schema.Types.ObjectId, ref: 'Complaint' },
    completedAt: Date,
    recordedBy: { id: { type: Schema.Types.ObjectId, ref: 'User' }, name: String },
    /** Free notes for the visit (what to ask, what happened before). */
    notes: { type: String, maxlength: 2000 },
  },
  { timestamps: true },
);
withReportDay(followUpSchema);
followUpSchema.pre('validate', function checkTarget() {
  if (this.targetType === 'customer' && !this.customer) this.invalidate('customer', 'customer is required when targetType is customer');
  if (this.targetType === 'staff' && !this.staff) this.invalidate('staff', 'staff is required when targetType is staff');
});
followUpSchema.index({ ruleKey: 1 }, { unique: true, sparse: true });
followUpSchema.index({ status: 1, dueAt: 1 });
followUpSchema.index({ customer: 1, dueAt: -1 });
followUpSchema.index({ staff: 1, dueAt: -1 });

export type FollowUpFields = InferSchemaType<typeof followUpSchema>;
export type FollowUpDoc = HydratedDocument<FollowUpFields>;
export const FollowUp = model('FollowUp', followUpSchema);
