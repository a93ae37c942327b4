import { Schema, model, type FlattenMaps, type InferSchemaType, type HydratedDocument, type Types } from 'mongoose';
import { CHANNELS, LOCALES } from '../../core/message';
import { phoneValidator } from '../shared/schema-helpers';
import { encryptedFields } from '../../crypto/pii.plugin';

/** How a customer wants to hear about an order: on WeChat or by SMS. */
export const UPDATES_VIA = ['wechat', 'sms'] as const;

/** A channel identity as shown on the customer; uniqueness is kept by CustomerIdentity. */
const identitySchema = new Schema(
  {
    channel: { type: String, enum: CHANNELS, required: true },
    externalId: { type: String, required: true, maxlength: 256 },
    displayName: { type: String, maxlength: 200 },
    firstSeenAt: { type: Date, default: () => new Date() },
  },
  { _id: false },
);

/** 客户档案: a customer, recognised on every channel through their identities. */
const customerSchema = new Schema(
  {
    identities: { type: [identitySchema], default: [] },
    name: { type: String, trim: true, maxlength: 100 },
    /** Drives the salutation: 先生 / 女士, neutral 您好 when unknown. */
    gender: { type: String, enum: ['male', 'female', 'unknown'], default: 'unknown' },
    phone: { type: String, validate: phoneValidator },
    locale: { type: String, enum: LOCALES },
    tags: { type: [{ type: String, maxlength: 50 }], default: [] },
    consent: {
      dataProcessing: { type: Boolean, default: false },
      marketing: { type: Boolean, default: false },
      at: Date,
    },
    /** Where logistics updates go (001 §一.3): WeChat if the customer accepted, else SMS. */
    updatesVia: { type: String, enum: UPDATES_VIA },
    notes: { type: String, maxlength: 5000 },
    /** Service address (housekeeping) or default delivery address. */
    address: { type: String, trim: true, maxlength: 500 },
    /** 身份证号 when a contract needs it. */
    idNumber: { type: String, trim: true, maxlength: 40 },
    /** Set when this record was merged into another (its identities and records moved there). */
    mergedInto: { type: Schema.Types.ObjectId, ref: 'Customer' },
    lastSeenAt: Date,
  },
  { timestamps: true },
);
// 档案加密 (000 §7-3, §8-1): personal fields are ciphertext at rest; phone and name stay searchable by keyed hashes.
customerSchema.plugin(encryptedFields, {
  fields: [
    { path: 'name', lookup: 'name' },
    { path: 'phone', lookup: 'phone' },
    { path: 'idNumber', lookup: 'exact' },
    { path: 'address' },
    { path: 'notes' },
    { path: 'displayName', array: 'identities' },
  ],
});
customerSchema.index({ 'identities.channel': 1, 'identities.externalId': 1 });
customerSchema.index({ updatedAt: -1 });

export type CustomerFields = InferSchemaType<typeof customerSchema>;
export type CustomerDoc = HydratedDocument<CustomerFields>;
/** A stored customer as a plain object (a lean read, or a hydrated document: both fit). */
export type CustomerRecord = Omit<FlattenMaps<CustomerFields>, 'identities'> & {
  _id: Types.ObjectId;
  createdAt?: Date;
  updatedAt?: Date;
  identities: { channel: string; externalId: string; displayName?: string | null; firstSeenAt?: Date | null }[];
};
export const Customer = model('Customer', customerSchema);
