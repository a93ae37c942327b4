import { Schema, model } from 'mongoose';

/**
 * Signed webhook deliveries seen recently (WeCom, Official Account): `_id` is a hash of channel,
 * timestamp and nonce, so instances share one record per delivery; `digest` is the body's hash.
 * Expired records are deleted by the store's clean-up (TTL indexes are not relied on).
 */
const webhookNonceSchema = new Schema(
  {
    _id: { type: String, required: true },
    digest: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
webhookNonceSchema.index({ expiresAt: 1 });

export const WebhookNonce = model('WebhookNonce', webhookNonceSchema);
