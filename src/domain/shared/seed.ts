import type { Model } from 'mongoose';
import { isDuplicateKey } from '../../db/create-once';

/**
 * Fills an empty collection with its starting documents, once: nothing happens when it has any
 * document (a manager's edits and deletions are kept). Two instances starting together may both
 * see it empty; the collection's unique key makes the second insert of each document a no-op.
 */
export async function seedIfEmpty<T>(model: Model<T>, docs: readonly Partial<T>[]): Promise<number> {
  if (await model.exists({})) return 0;
  let inserted = 0;
  for (const doc of docs) {
    try {
      await model.create(doc);
      inserted++;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  return inserted;
}
