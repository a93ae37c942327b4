import { Schema, model } from 'mongoose';

/**
 * Short-lived named locks. The key is the _id, so taking a lock is a unique insert: FerretDB 1.x
 * does not make a filtered update an atomic compare-and-set under concurrency (two writers can
 * both match), but it does enforce unique keys on insert.
 */
const lockSchema = new Schema(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { versionKey: false },
);
lockSchema.index({ until: 1 });

export const Lock = model('Lock', lockSchema);
