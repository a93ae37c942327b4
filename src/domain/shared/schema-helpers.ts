import { Schema } from 'mongoose';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { localDay } from './local-day';

/** Adds a `day` (local YYYY-MM-DD of createdAt) that reports group by, set on first save. */
export function withReportDay(schema: Schema): void {
  schema.add({ day: { type: String, index: true } });
  schema.pre('validate', function setDay() {
    if (!this.get('day')) this.set('day', localDay((this.get('createdAt') as Date | undefined) ?? new Date()));
  });
}

/** Mongoose validator: an E.164 phone number that libphonenumber considers valid. */
export const phoneValidator = {
  validator: (v: string | undefined | null) => v == null || v === '' || (/^\+\d{6,15}$/.test(v) && !!parsePhoneNumberFromString(v)?.isValid()),
  message: (props: { path: string; value: unknown }) => `${props.path} must be a valid phone number in E.164 form (got ${String(props.value)})`,
};

/** 1–5 satisfaction score (attitude, speed, resolution). */
export const scoreField = { type: Number, min: 1, max: 5, validate: { validator: Number.isInteger, message: '{PATH} must be a whole number from 1 to 5' } };

/** A status change kept for the record: who, when, from what to what, why. */
export const statusChangeSchema = new Schema(
  {
    from: String,
    to: { type: String, required: true },
    at: { type: Date, required: true, default: () => new Date() },
    by: { type: Schema.Types.ObjectId, ref: 'User' },
    note: { type: String, maxlength: 2000 },
  },
  { _id: false },
);
