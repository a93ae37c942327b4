import type { Collection, Document } from 'mongodb';
import type { Model } from 'mongoose';

/**
 * A model's collection as the driver has it, for the per-message path. Mongoose's collection
 * wrapper builds an ObjectId and two event objects per call (about 6 µs of the service's CPU per
 * operation, five operations a message); before the connection is open (when the wrapper would
 * buffer) the wrapper itself is returned.
 */
export function driverCollection<T extends Document = Document>(model: Pick<Model<unknown>, 'collection'>): Collection<T> {
  const wrapper = model.collection as unknown as { collection?: Collection<T> | null };
  return wrapper.collection ?? (model.collection as unknown as Collection<T>);
}
