import { Schema, model, type InferSchemaType } from 'mongoose';
import { ATTACHMENT_KINDS } from '../../core/message';

/**
 * The register of stored files, one per key: a platform's retried delivery, or a widget upload
 * sent again, names the same key (channel, message id, position) and gets the file stored the
 * first time instead of a second copy. Written once, never changed.
 */
const mediaFileSchema = new Schema(
  {
    key: { type: String, required: true, maxlength: 400 },
    fileId: { type: String, required: true, maxlength: 100 },
    thumbnailId: { type: String, maxlength: 100 },
    kind: { type: String, enum: ATTACHMENT_KINDS, required: true },
    name: { type: String, maxlength: 255 },
    size: { type: Number, required: true, min: 0 },
    mime: { type: String, required: true, maxlength: 200 },
    duration: { type: Number, min: 0 },
    transcript: { type: String, maxlength: 4000 },
  },
  { timestamps: true },
);
mediaFileSchema.index({ key: 1 }, { unique: true });

export type MediaFileFields = InferSchemaType<typeof mediaFileSchema>;
export const MediaFile = model('MediaFile', mediaFileSchema);
