import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * Failed sign-ins of one e-mail from one address (known account or not, alike). `key` is the
 * SHA-256 of both: one record per pair, found by a unique key. Locking a pair keeps an attacker's
 * address out of an account without locking its owner out from theirs.
 */
const loginThrottleSchema = new Schema(
  {
    key: { type: String, required: true },
    email: { type: String, required: true, maxlength: 200 },
    address: { type: String, required: true, maxlength: 100 },
    /** Attempts taken since the last success or lock (taken before the password is checked). */
    failures: { type: Number, default: 0, min: 0 },
    /** Locks in a row: each lasts twice as long as the one before. */
    locks: { type: Number, default: 0, min: 0 },
    lockedUntil: Date,
    /** The address signed in to the account: the per-account limit does not apply to it. */
    lastSuccessAt: Date,
  },
  { timestamps: true, versionKey: false },
);
loginThrottleSchema.index({ key: 1 }, { unique: true });
// An admin's unlock clears every address of an e-mail; old records are purged at sign-in.
loginThrottleSchema.index({ email: 1 });
loginThrottleSchema.index({ updatedAt: 1 });

export type LoginThrottleFields = InferSchemaType<typeof loginThrottleSchema>;
export const LoginThrottle = model('LoginThrottle', loginThrottleSchema);
