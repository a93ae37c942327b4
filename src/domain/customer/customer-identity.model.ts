import { Schema, model, type InferSchemaType } from 'mongoose';
import { CHANNELS } from '../../core/message';

/**
 * The authority on "channel + external id → customer", unique together. A separate collection
 * because FerretDB 1.x does not enforce unique indexes across array elements (multikey).
 */
const customerIdentitySchema = new Schema(
  {
    channel: { type: String, enum: CHANNELS, required: true },
    externalId: { type: String, required: true, maxlength: 256 },
    customer: { type: Schema.Types.ObjectId, ref: 'Customer', required: true, index: true },
  },
  { timestamps: true },
);
customerIdentitySchema.index({ channel: 1, externalId: 1 }, { unique: true });

export type CustomerIdentityFields = InferSchemaType<typeof customerIdentitySchema>;
export const CustomerIdentity = model('CustomerIdentity', customerIdentitySchema);
