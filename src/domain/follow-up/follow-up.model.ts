import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { CHANNELS } from '../../core/message';
import { scoreField, withReportDay } from '../shared/schema-helpers';

export const FOLLOW_UP_STATUSES = ['scheduled', 'in_progress', 'done', 'missed', 'cancelled'] as const;

/** 回访: a scheduled contact with a customer or a service worker, with a script and a survey. */
const followUpSchema = new Schema(
  {
    targetType: { type: String, enum: ['customer', 'staff'], required: true },
    customer: { type: Schema.Types.ObjectId, ref: 'Customer' },
    staff: { type: Schema.Types.ObjectId, ref: 'Staff' },
    contract: { type: Schema.Types.ObjectId, ref: 'Contract' },
    order: { type: Schema.Types.ObjectId, ref: 'Order' },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation' },
    reason: { type: String, enum: ['after_placement', 'after_order', 'after_complaint', 'periodic', 'renewal', 'other'], default: 'periodic' },
    via: { type: String, enum: [...CHANNELS, 'phone', 'sms', 'email', 'visit'] },
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
  },
  { timestamps: true },
);
withReportDay(followUpSchema);
followUpSchema.pre('validate', function checkTarget() {
  if (this.targetType === 'customer' && !this.customer) this.invalidate('customer', 'customer is required when targetType is customer');
  if (this.targetType === 'staff' && !this.staff) this.invalidate('staff', 'staff is required when targetType is staff');
});
followUpSchema.index({ status: 1, dueAt: 1 });
followUpSchema.index({ customer: 1, dueAt: -1 });
followUpSchema.index({ staff: 1, dueAt: -1 });

export type FollowUpFields = InferSchemaType<typeof followUpSchema>;
export type FollowUpDoc = HydratedDocument<FollowUpFields>;
export const FollowUp = model('FollowUp', followUpSchema);
