import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * A console sign-in. `_id` is the SHA-256 (hex) of the random token in the `kefu_session`
 * cookie, so a stolen database does not hold usable tokens and each request finds its session by
 * _id (the one lookup FerretDB 1.x on SQLite does not scan for).
 */
const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    expiresAt: { type: Date, required: true },
    ip: { type: String, maxlength: 100 },
    userAgent: { type: String, maxlength: 300 },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
// No TTL index (FerretDB 1.x has none): expired sessions are refused on read and purged at sign-in.
sessionSchema.index({ expiresAt: 1 });
sessionSchema.index({ user: 1 });

export type SessionFields = InferSchemaType<typeof sessionSchema>;
export const Session = model('Session', sessionSchema);
