import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { withReportDay } from '../shared/schema-helpers';
import { PENALTY_STATUSES, PENALTY_SUBJECTS } from './penalty-kinds';

const signature = { by: { type: Schema.Types.ObjectId, ref: 'User' }, name: String, at: Date, note: { type: String, maxlength: 500 } };

/** 职员处罚单: a fine on a domestic worker or an agent, from a complaint, deducted from one month's wages. */
const penaltySchema = new Schema(
  {
    number: { type: String, required: true, match: /^P\d{12}$/ },
    complaint: { type: Schema.Types.ObjectId, ref: 'Complaint' },
    subject: {
      kind: { type: String, enum: PENALTY_SUBJECTS, required: true },
      staff: { type: Schema.Types.ObjectId, ref: 'Staff' },
      user: { type: Schema.Types.ObjectId, ref: 'User' },
    },
    amountFen: { type: Number, required: true, min: 1, validate: { validator: Number.isInteger, message: 'amountFen must be whole fen' } },
    reason: { type: String, required: true, trim: true, maxlength: 1000 },
    status: { type: String, enum: PENALTY_STATUSES, default: 'issued', required: true },
    /** The wage month it is deducted in (YYYY-MM), set at sign-off unless given. */
    month: { type: String, match: /^\d{4}-(0[1-9]|1[0-2])$/ },
    issued: signature,
    /** The person penalised signed: an agent in the console, a worker on paper (recorded by an agent). */
    acknowledged: { ...signature, onPaper: Boolean },
    /** 总经理签字. */
    signedOff: signature,
    cancelled: signature,
  },
  { timestamps: true },
);
withReportDay(penaltySchema);
penaltySchema.index({ number: 1 }, { unique: true });
penaltySchema.index({ status: 1, month: 1 });
penaltySchema.index({ complaint: 1 });

export type PenaltyFields = InferSchemaType<typeof penaltySchema>;
export type PenaltyDoc = HydratedDocument<PenaltyFields>;
export const Penalty = model('Penalty', penaltySchema);
