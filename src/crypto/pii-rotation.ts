import mongoose from 'mongoose';
import { needsRotation } from './field-cipher';
import { piiFieldsOf } from './pii.plugin';

/**
 * After PII_KEY changed (the old key in PII_KEY_PREVIOUS): every personal field written under an
 * old key (or still in clear, from before encryption) is written again under the current key, with
 * its hashes, one document at a time. Returns how many documents were rewritten, by model. Once it
 * has run, the old key can leave PII_KEY_PREVIOUS.
 */
export async function rotatePii(log: (line: string) => void = () => undefined): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of Object.values(mongoose.models)) {
    const fields = piiFieldsOf(model.schema);
    if (!fields.length) continue;
    counts[model.modelName] = 0;
    const raw = model.collection.find({}, { projection: Object.fromEntries(fields.map((f) => [f.array ?? f.path, 1])) });
    for await (const doc of raw) {
      const stale = fields.some((f) => {
        if (f.array) return ((doc[f.array] as Record<string, unknown>[] | undefined) ?? []).some((el) => needsRotation(el?.[f.path]));
        return needsRotation(f.path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc));
      });
      if (!stale) continue;
      const loaded = await model.findById(doc._id);
      if (!loaded) continue;
      for (const f of fields) loaded.markModified(f.array ?? f.path);
      await loaded.save({ validateBeforeSave: false });
      counts[model.modelName]++;
    }
    log(`${model.modelName}: ${counts[model.modelName]} rewritten`);
  }
  return counts;
}
