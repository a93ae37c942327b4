import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { phoneValidator } from '../shared/schema-helpers';

/** 新到 new, 上岗 on duty, 返回 returned (back from a placement), 辞职 resigned. */
export const STAFF_STATUSES = ['new', 'on_duty', 'returned', 'resigned'] as const;

const movementSchema = new Schema(
  {
    from: { type: String, enum: STAFF_STATUSES },
    to: { type: String, enum: STAFF_STATUSES, required: true },
    at: { type: Date, required: true, default: () => new Date() },
    store: String,
    customer: { type: Schema.Types.ObjectId, ref: 'Customer' },
    note: { type: String, maxlength: 1000 },
    by: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { _id: false },
);

/** 家政服务人员档案: a domestic service worker, with every status change in the movement log. */
const staffSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 100 },
    phone: { type: String, validate: phoneValidator },
    store: { type: String, maxlength: 100 },
    skills: { type: [{ type: String, maxlength: 50 }], default: [] },
    status: { type: String, enum: STAFF_STATUSES, default: 'new', required: true },
    movements: { type: [movementSchema], default: [] },
    notes: { type: String, maxlength: 5000 },
  },
  { timestamps: true },
);
staffSchema.index({ status: 1, store: 1 });
staffSchema.index({ phone: 1 });

export type StaffFields = InferSchemaType<typeof staffSchema>;
export type StaffDoc = HydratedDocument<StaffFields>;
export const Staff = model('Staff', staffSchema, 'staff');
