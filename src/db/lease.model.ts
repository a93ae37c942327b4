import { Schema, model } from 'mongoose';

/**
 * Named leases: which service instance holds a one-at-a-time role (the OneBot reverse WebSocket,
 * the wechaty login) until when. Taken and renewed by compare-and-set on `_id`.
 */
const leaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { versionKey: false, timestamps: { createdAt: false, updatedAt: true } },
);

export const Lease = model('Lease', leaseSchema);
