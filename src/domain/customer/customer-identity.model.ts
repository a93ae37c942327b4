import { Schema, model, type InferSchemaType } from 'mongoose';
import { CHANNELS } from '../../core/message';

/** The identity's key: `<channel>:<external id>`. */
export function identityKey(channel: string, externalId: string): string {
  return `${channel}:${externalId}`;
}

/**
 * The authority on "channel + external id → customer", unique together. A collection of its own,
 * keyed by `_id = channel:externalId`: FerretDB 1.x enforces neither unique indexes across array
 * elements nor uses secondary indexes on SQLite, but an _id lookup or insert is exact and fast.
 */
const customerIdentitySchema = new Schema(
  {
    _id: { type: String },
    channel: { type: String, enum: CHANNELS, required: true },
    externalId: { type: String, required: true, maxlength: 256 },
    customer: { type: Schema.Types.ObjectId, ref: 'Customer', required: true, index: true },
  },
  { timestamps: true },
);
customerIdentitySchema.pre('validate', function setKey() {
  if (this.channel && this.externalId) this._id = identityKey(this.channel, this.externalId);
});
customerIdentitySchema.index({ channel: 1, externalId: 1 }, { unique: true });
customerIdentitySchema.index({ customer: 1, channel: 1 });

export type CustomerIdentityFields = InferSchemaType<typeof customerIdentitySchema>;
export const CustomerIdentity = model('CustomerIdentity', customerIdentitySchema);
