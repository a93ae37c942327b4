import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { CHANNELS, LOCALES } from '../../core/message';
import { phoneValidator } from '../shared/schema-helpers';

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
    updatesVia: { type: String, enum: ['wechat', 'sms'] },
    notes: { type: String, maxlength: 5000 },
    lastSeenAt: Date,
  },
  { timestamps: true },
);
customerSchema.index({ phone: 1 });
customerSchema.index({ 'identities.channel': 1, 'identities.externalId': 1 });
customerSchema.index({ updatedAt: -1 });

export type CustomerFields = InferSchemaType<typeof customerSchema>;
export type CustomerDoc = HydratedDocument<CustomerFields>;
export const Customer = model('Customer', customerSchema);
