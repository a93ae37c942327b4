import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { statusChangeSchema } from '../shared/schema-helpers';
import { encryptedFields } from '../../crypto/pii.plugin';
import { RENEWAL_STATES } from './contract-states';

/** Renewal reminders go to the responsible store this many days before the end (000 §7-3). */
export const RENEWAL_NOTICE_DAYS = 15;

/** 协议档案: a service contract between a customer and a placed worker, with its renewal state. */
const contractSchema = new Schema(
  {
    number: { type: String, required: true, trim: true, match: /^[A-Za-z0-9-]{3,40}$/ },
    customer: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    staff: { type: Schema.Types.ObjectId, ref: 'Staff' },
    store: { type: String, maxlength: 100 },
    /** The sales consultant (directory) who signed it and follows the renewal. */
    consultant: { type: Schema.Types.ObjectId, ref: 'DirectoryEntry' },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    amountFen: { type: Number, required: true, min: 0, validate: { validator: Number.isInteger, message: 'amountFen must be whole fen' } },
    /** Where the service is given (encrypted). */
    serviceAddress: { type: String, trim: true, maxlength: 500 },
    notes: { type: String, maxlength: 2000 },
    renewal: {
      state: { type: String, enum: RENEWAL_STATES, default: 'none' },
      notifiedAt: Date,
      renewedFrom: { type: Schema.Types.ObjectId, ref: 'Contract' },
      renewedTo: { type: Schema.Types.ObjectId, ref: 'Contract' },
      /** When the renewal was recorded or declined, and why declined. */
      decidedAt: Date,
      reason: { type: String, maxlength: 500 },
    },
    history: { type: [statusChangeSchema], default: [] },
  },
  { timestamps: true },
);
contractSchema.pre('validate', function checkDates() {
  if (this.start && this.end && this.end <= this.start) this.invalidate('end', 'end must be after start', this.end);
});
contractSchema.index({ number: 1 }, { unique: true });
contractSchema.index({ customer: 1 });
contractSchema.index({ end: 1, 'renewal.state': 1 });
contractSchema.plugin(encryptedFields, { fields: [{ path: 'serviceAddress' }] });

export type ContractFields = InferSchemaType<typeof contractSchema>;
export type ContractDoc = HydratedDocument<ContractFields>;
export const Contract = model('Contract', contractSchema);
