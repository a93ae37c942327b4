import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { phoneValidator } from '../shared/schema-helpers';
import { encryptedFields } from '../../crypto/pii.plugin';
import { STAFF_STATUSES } from './staff-kinds';

export { STAFF_STATUSES } from './staff-kinds';

/** One line of 家政服务人员流动情况记录表: a status change, where to and for whom. */
const movementSchema = new Schema(
  {
    from: { type: String, enum: STAFF_STATUSES },
    to: { type: String, enum: STAFF_STATUSES, required: true },
    at: { type: Date, required: true, default: () => new Date() },
    store: String,
    customer: { type: Schema.Types.ObjectId, ref: 'Customer' },
    contract: { type: Schema.Types.ObjectId, ref: 'Contract' },
    note: { type: String, maxlength: 1000 },
    by: { type: Schema.Types.ObjectId, ref: 'User' },
    byName: String,
  },
  { _id: false },
);

/** 家政服务人员档案: a domestic service worker, with every status change in the movement log. */
const staffSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 100 },
    phone: { type: String, validate: phoneValidator },
    /** 身份证号 (encrypted; found by exact match). */
    idNumber: { type: String, trim: true, maxlength: 40 },
    address: { type: String, trim: true, maxlength: 500 },
    /** Whom to call when the worker cannot be reached (000 §7-5: the family through HR). */
    emergencyContact: { type: String, trim: true, maxlength: 200 },
    store: { type: String, maxlength: 100 },
    skills: { type: [{ type: String, maxlength: 50 }], default: [] },
    status: { type: String, enum: STAFF_STATUSES, default: 'new', required: true },
    /** While on duty: the customer and contract of the placement. */
    placement: { customer: { type: Schema.Types.ObjectId, ref: 'Customer' }, contract: { type: Schema.Types.ObjectId, ref: 'Contract' }, since: Date },
    movements: { type: [movementSchema], default: [] },
    notes: { type: String, maxlength: 5000 },
  },
  { timestamps: true },
);
staffSchema.index({ status: 1, store: 1 });
staffSchema.plugin(encryptedFields, {
  fields: [{ path: 'name', lookup: 'name' }, { path: 'phone', lookup: 'phone' }, { path: 'idNumber', lookup: 'exact' }, { path: 'address' }, { path: 'emergencyContact' }, { path: 'notes' }],
});

export type StaffFields = InferSchemaType<typeof staffSchema>;
export type StaffDoc = HydratedDocument<StaffFields>;
export const Staff = model('Staff', staffSchema, 'staff');
