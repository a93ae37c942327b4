import type { Document } from 'mongoose';

/** A stored record as JSON for the console: `id` instead of `_id`, no version key. */
export function toRecord(doc: Document): Record<string, unknown> {
  const { _id, ...rest } = doc.toJSON({ versionKey: false, flattenMaps: true }) as Record<string, unknown>;
  return { id: String(_id), ...rest };
}
