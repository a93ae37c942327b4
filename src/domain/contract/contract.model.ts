import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { statusChangeSchema } from '../shared/schema-helpers';

/** Renewal reminders go to the responsible store this many days before the end (000 §7-3). */
export const RENEWAL_NOTICE_DAYS = 15;

/** 协议档案: a service contract between a customer and a placed worker, with its renewal state. */
const contractSchema = new Schema(
  {
    number: { type: String, required: true, trim: true, match: /^[A-Za-z0-9-]{3,40}$/ },
    customer: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    staff: { type: Schema.Types.ObjectId, ref: 'Staff' },
    store: { type: String, maxlength: 100 },
    consultant: { type: Schema.Types.ObjectId, ref: 'User' },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    amountFen: { type: Number, required: true, min: 0, validate: { validator: Number.isInteger, message: 'amountFen must be whole fen' } },
    renewal: {
      state: { type: String, enum: ['none', 'due', 'notified', 'renewed', 'declined'], default: 'none' },
      notifiedAt: Date,
      renewedFrom: { type: Schema.Types.ObjectId, ref: 'Contract' },
      renewedTo: { type: Schema.Types.ObjectId, ref: 'Contract' },
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

export type ContractFields = InferSchemaType<typeof contractSchema>;
export type ContractDoc = HydratedDocument<ContractFields>;
export const Contract = model('Contract', contractSchema);
