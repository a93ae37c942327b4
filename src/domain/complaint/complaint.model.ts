import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { CHANNELS } from '../../core/message';
import { phoneValidator, statusChangeSchema, withReportDay } from '../shared/schema-helpers';

export const COMPLAINT_STATUSES = ['accepted', 'investigating', 'proposed', 'resolved', 'closed'] as const;
export const COMPLAINT_CATEGORIES = ['attitude', 'quality', 'delivery', 'billing', 'property_loss', 'theft', 'damage', 'injury', 'other'] as const;
/** 投诉 feedback must reach the customer within 24 hours of intake, whatever the state (000 §7-5). */
export const FEEDBACK_WINDOW_MS = 24 * 3600_000;

/** 投诉: general (一般, attitude, no loss) or serious (严重, loss, theft, injury), tracked to closure. */
const complaintSchema = new Schema(
  {
    customer: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation' },
    channel: { type: String, enum: CHANNELS, required: true },
    severity: { type: String, enum: ['general', 'serious'], required: true },
    category: { type: String, enum: COMPLAINT_CATEGORIES, default: 'other', required: true },
    description: { type: String, required: true, trim: true, minlength: 1, maxlength: 5000 },
    occurredAt: { type: String, maxlength: 200 },
    involved: { type: String, maxlength: 500 },
    contactPhone: { type: String, validate: phoneValidator },
    /** Whether the complaint was judged justified after investigation. */
    justified: Boolean,
    responsibleParty: {
      staff: { type: Schema.Types.ObjectId, ref: 'Staff' },
      user: { type: Schema.Types.ObjectId, ref: 'User' },
      description: { type: String, maxlength: 500 },
    },
    status: { type: String, enum: COMPLAINT_STATUSES, default: 'accepted', required: true },
    statusHistory: { type: [statusChangeSchema], default: [] },
    feedbackDueAt: { type: Date, required: true },
    lastFeedbackAt: Date,
    nextContactAt: Date,
    resolution: { type: String, maxlength: 5000 },
    /** 职员处罚单: a penalty for the responsible worker, deducted from wages. */
    penalty: {
      amount: { type: Number, min: 0 },
      reason: { type: String, maxlength: 500 },
      approvedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    },
    assignee: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);
withReportDay(complaintSchema);
complaintSchema.pre('validate', function setDeadline() {
  // Fix createdAt now (timestamps keep a value already set) so the deadline is exactly 24 h after it.
  if (!this.createdAt) this.createdAt = new Date();
  if (!this.feedbackDueAt) this.feedbackDueAt = new Date(this.createdAt.getTime() + FEEDBACK_WINDOW_MS);
});
complaintSchema.index({ status: 1, feedbackDueAt: 1 });
complaintSchema.index({ severity: 1, status: 1 });
complaintSchema.index({ customer: 1, createdAt: -1 });

export type ComplaintFields = InferSchemaType<typeof complaintSchema>;
export type ComplaintDoc = HydratedDocument<ComplaintFields>;
export const Complaint = model('Complaint', complaintSchema);
