import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { CHANNELS } from '../../core/message';
import { phoneValidator, scoreField, statusChangeSchema, withReportDay } from '../shared/schema-helpers';
import { encryptedFields } from '../../crypto/pii.plugin';
import { COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES, COMPLAINT_STATUSES } from './complaint-kinds';

export { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES } from './complaint-kinds';
/** 投诉 feedback must reach the customer within 24 hours of intake, whatever the state (000 §7-5). */
export const FEEDBACK_WINDOW_MS = 24 * 3600_000;

/** Who did a step, when, with what they wrote. */
const signed = { by: { type: Schema.Types.ObjectId, ref: 'User' }, name: String, at: Date };

/** A picture the customer sent in the complaint's conversation; the file stays on its message. */
const evidenceSchema = new Schema(
  {
    message: { type: Schema.Types.ObjectId, ref: 'Message', required: true },
    /** Its place among the message's attachments. */
    index: { type: Number, required: true, min: 0 },
    kind: { type: String, required: true },
    name: String,
    mime: String,
    size: Number,
    at: { type: Date, required: true },
  },
  { _id: false },
);

/** 投诉: general (一般, attitude, no loss) or serious (严重, loss, theft, injury), tracked to closure. */
const complaintSchema = new Schema(
  {
    /** A number people can quote: C + local date + 4 digits. */
    number: { type: String, match: /^C\d{12}$/ },
    customer: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation' },
    channel: { type: String, enum: CHANNELS, required: true },
    severity: { type: String, enum: COMPLAINT_SEVERITIES, required: true },
    category: { type: String, enum: COMPLAINT_CATEGORIES, default: 'other', required: true },
    description: { type: String, required: true, trim: true, minlength: 1, maxlength: 5000 },
    occurredAt: { type: String, maxlength: 200 },
    involved: { type: String, maxlength: 500 },
    contactPhone: { type: String, validate: phoneValidator },
    /** 判定: whether it is justified; the reply given when it is not. */
    justified: Boolean,
    judgement: { reply: { type: String, maxlength: 2000 }, ...signed },
    /** 调查: cause, the responsible worker or agent, the store. */
    responsibleParty: {
      staff: { type: Schema.Types.ObjectId, ref: 'Staff' },
      user: { type: Schema.Types.ObjectId, ref: 'User' },
      description: { type: String, maxlength: 500 },
    },
    investigation: { cause: { type: String, maxlength: 5000 }, store: { type: String, maxlength: 100 }, ...signed },
    /** 处理方案 and its approvals: the customer-service manager, and for a serious one the general manager. */
    resolution: { type: String, maxlength: 5000 },
    compensationFen: { type: Number, min: 0, validate: { validator: Number.isInteger, message: 'compensationFen must be whole fen' } },
    proposal: { ...signed },
    approvals: { manager: { ...signed, note: { type: String, maxlength: 1000 } }, generalManager: { ...signed, note: { type: String, maxlength: 1000 } } },
    /** 反馈: the customer told of the outcome; then their satisfaction followed up. */
    informed: { text: { type: String, maxlength: 2000 }, ...signed },
    satisfaction: { score: scoreField, comment: { type: String, maxlength: 2000 }, ...signed },
    /** 总结: the closing summary and what to improve. */
    summary: { text: { type: String, maxlength: 5000 }, improvement: { type: String, maxlength: 5000 }, ...signed },
    status: { type: String, enum: COMPLAINT_STATUSES, default: 'accepted', required: true },
    statusHistory: { type: [statusChangeSchema], default: [] },
    /** The next progress feedback is due by then (24 h after intake, then the promised next contact). */
    feedbackDueAt: { type: Date, required: true },
    lastFeedbackAt: Date,
    nextContactAt: Date,
    /** The deadline the handler was reminded of, and the one escalated to the managers (once each). */
    remindedFor: Date,
    escalatedFor: Date,
    assignee: { type: Schema.Types.ObjectId, ref: 'User' },
    closedAt: Date,
    /** 证据: photos of the broken vase, the wrong parcel… sent in the conversation (issue 13). */
    evidence: { type: [evidenceSchema], default: [] },
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
complaintSchema.plugin(encryptedFields, { fields: [{ path: 'contactPhone', lookup: 'phone' }] });

export type ComplaintFields = InferSchemaType<typeof complaintSchema>;
export type ComplaintDoc = HydratedDocument<ComplaintFields>;
export const Complaint = model('Complaint', complaintSchema);
