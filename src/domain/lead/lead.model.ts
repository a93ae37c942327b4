import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { CHANNELS } from '../../core/message';
import { phoneValidator, statusChangeSchema, withReportDay } from '../shared/schema-helpers';
import { encryptedFields } from '../../crypto/pii.plugin';
import { LEAD_STATUSES } from './lead-kinds';

export { LEAD_STATUSES } from './lead-kinds';

/** 咨询 / 线索: an inquiry from any channel, assigned to a sales consultant (销售顾问) until signed or lost. */
const leadSchema = new Schema(
  {
    customer: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation' },
    need: { type: String, required: true, trim: true, minlength: 1, maxlength: 2000 },
    name: { type: String, trim: true, maxlength: 100 },
    phone: { type: String, validate: phoneValidator },
    preferredContactTime: { type: String, maxlength: 200 },
    sourceChannel: { type: String, enum: CHANNELS, required: true },
    /** The sales consultant (a directory entry) the lead is handed to. */
    consultant: { type: Schema.Types.ObjectId, ref: 'DirectoryEntry' },
    assignedAt: Date,
    /** The agent who follows the lead up (reminders go to them). */
    handler: { type: Schema.Types.ObjectId, ref: 'User' },
    status: { type: String, enum: LEAD_STATUSES, default: 'new', required: true },
    /** Follow-up history: each contact and status change. */
    history: { type: [statusChangeSchema], default: [] },
    /** When the next contact is due; the reminder job tells the handler once it passes. */
    nextContactAt: Date,
    remindedFor: Date,
    lostReason: { type: String, maxlength: 500 },
    signedAt: Date,
  },
  { timestamps: true },
);
withReportDay(leadSchema);
leadSchema.index({ status: 1, createdAt: -1 });
leadSchema.index({ consultant: 1, status: 1 });
leadSchema.index({ customer: 1, createdAt: -1 });
leadSchema.index({ sourceChannel: 1, day: 1 });
leadSchema.index({ nextContactAt: 1 });
leadSchema.plugin(encryptedFields, { fields: [{ path: 'name', lookup: 'name' }, { path: 'phone', lookup: 'phone' }] });

export type LeadFields = InferSchemaType<typeof leadSchema>;
export type LeadDoc = HydratedDocument<LeadFields>;
export const Lead = model('Lead', leadSchema);
