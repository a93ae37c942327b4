import mongoose, { type Document, type Model, type Query, type Schema } from 'mongoose';
import { driverCollection } from '../db/driver-collection';
import { isEncrypted } from './field-cipher';
import { openObject, sealObject, sealed, siblingPaths, siblingValues, type PiiField } from './pii-fields';
import { mentions, rewriteFilter } from './pii-filter';

export type { PiiField } from './pii-fields';

const FILTERED = ['find', 'findOne', 'countDocuments', 'distinct', 'findOneAndUpdate', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'findOneAndDelete', 'findOneAndReplace', 'replaceOne'] as const;
const UPDATES = ['findOneAndUpdate', 'updateOne', 'updateMany'] as const;
const LEAN_RESULTS = ['find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete'] as const;

const registry = new Map<Schema, PiiField[]>();
/** The personal fields a schema encrypts (none: not an archive); for key rotation. */
export function piiFieldsOf(schema: Schema): PiiField[] {
  return registry.get(schema) ?? [];
}

const hidden = new WeakMap<Schema, Record<string, 0> | undefined>();
/** The paths a schema never selects by default (`select: false`: hashes, blind indexes), as a projection. */
function hiddenPaths(schema: Schema): Record<string, 0> | undefined {
  if (!hidden.has(schema)) {
    const projection: Record<string, 0> = {};
    schema.eachPath((path, type) => {
      if ((type as unknown as { options?: { select?: boolean } }).options?.select === false) projection[path] = 0;
    });
    hidden.set(schema, Object.keys(projection).length ? projection : undefined);
  }
  return hidden.get(schema);
}

/**
 * One document straight from the driver, as `Model.findOne(filter).lean()` returns it (hidden
 * paths left out, personal fields decrypted), for the per-message path: mongoose's query building
 * there costs more than the round trip. The filter goes as it is (no casting, no PII rewriting):
 * callers pass ids.
 */
export async function findOneOpen<T>(model: { collection: Model<unknown>['collection']; schema: Schema }, filter: Record<string, unknown>): Promise<T | null> {
  const doc = await driverCollection(model).findOne(filter, { projection: hiddenPaths(model.schema) });
  if (doc) openObject(piiFieldsOf(model.schema), doc);
  return doc as T | null;
}

type Stash = { holder: Document; path: string; full: string; plain: unknown }[];
const stashes = new WeakMap<Document, Stash>();

/** The schema type of a field (inside its array's sub-schema when it has one). */
function schemaTypeOf(schema: Schema, f: PiiField) {
  if (!f.array) return schema.path(f.path);
  return (schema.path(f.array) as unknown as { schema?: Schema }).schema?.path(f.path);
}

/** Validators of a field let ciphertext pass: they ran on the plaintext before it was sealed. */
function validatorsSkipCiphertext(schema: Schema, f: PiiField): void {
  const type = schemaTypeOf(schema, f) as unknown as { validators?: { validator: (...a: unknown[]) => unknown }[] } | undefined;
  if (!type) throw new Error(`encryptedFields: the schema has no path ${f.array ? `${f.array}.` : ''}${f.path}`);
  // A case setter would run on the ciphertext too and break it.
  const opts = (type as unknown as { options?: { lowercase?: boolean; uppercase?: boolean } }).options;
  if (opts?.lowercase || opts?.uppercase) throw new Error(`encryptedFields: ${f.path} may not lower- or upper-case (it would change the ciphertext); normalise it in the service`);
  for (const v of type.validators ?? []) {
    const original = v.validator;
    v.validator = function (this: unknown, value: unknown, ...rest: unknown[]) {
      return isEncrypted(value) ? true : original.call(this, value, ...rest);
    };
  }
}

function validatePlain(schema: Schema, path: string, value: unknown): Promise<void> {
  const type = schema.path(path) as unknown as { doValidate(v: unknown, cb: (err?: unknown) => void, scope: unknown): void } | undefined;
  if (!type || value === undefined) return Promise.resolve();
  return new Promise((resolve, reject) =>
    type.doValidate(value, (err?: unknown) => {
      if (!err) return resolve();
      const all = new mongoose.Error.ValidationError();
      all.addError(path, err as mongoose.Error.ValidatorError);
      reject(all);
    }, null),
  );
}

/**
 * Encrypts personal fields at rest (AES-256-GCM, src/crypto/field-cipher) and keeps them usable:
 * documents and `.lean()` results read as plaintext; saves, inserts and `$set` / `$setOnInsert` /
 * `$push` updates write ciphertext (validators see the plaintext first); filters on a searchable
 * field become filters on its keyed hash or blind index. CPU only: no extra round trip.
 */
export function encryptedFields(schema: Schema, options: { fields: PiiField[] }): void {
  const fields = options.fields;
  registry.set(schema, fields);
  const hidden = siblingPaths(fields);
  for (const f of fields) {
    validatorsSkipCiphertext(schema, f);
    const s = siblingValues(f, undefined);
    for (const p of Object.keys(s)) schema.add({ [p]: Array.isArray(s[p]) ? { type: [String], default: undefined, select: false } : { type: String, select: false } });
  }
  for (const p of hidden) schema.index({ [p]: 1 });

  // Hashes never leave in an answer.
  const previous = schema.get('toJSON') as { transform?: (doc: unknown, ret: Record<string, unknown>, o: unknown) => unknown } | undefined;
  schema.set('toJSON', {
    ...previous,
    transform(doc: unknown, ret: Record<string, unknown>, o: unknown) {
      for (const p of hidden) {
        const parts = p.split('.');
        const holder = parts.slice(0, -1).reduce<Record<string, unknown> | undefined>((x, k) => x?.[k] as Record<string, unknown> | undefined, ret);
        if (holder) delete holder[parts[parts.length - 1]];
      }
      return previous?.transform ? previous.transform(doc, ret, o) : ret;
    },
  });

  schema.pre('init', function (raw: Record<string, unknown>) {
    openObject(fields, raw);
  });

  schema.pre('save', function () {
    const doc = this as unknown as Document;
    const stash: Stash = [];
    for (const f of fields) {
      if (f.array) {
        if (!this.isNew && !this.isModified(f.array)) continue;
        const list = (this.get(f.array) ?? []) as Document[];
        list.forEach((el, i) => {
          const plain = el.get(f.path);
          if (typeof plain !== 'string' || !plain || isEncrypted(plain)) return;
          stash.push({ holder: el, path: f.path, full: `${f.array}.${i}.${f.path}`, plain });
          el.set(f.path, sealed(plain));
        });
        continue;
      }
      if (!this.isNew && !this.isModified(f.path)) continue;
      const plain = this.get(f.path);
      if (isEncrypted(plain)) continue;
      if (typeof plain === 'string' && plain) {
        stash.push({ holder: doc, path: f.path, full: f.path, plain });
        this.set(f.path, sealed(plain));
      }
      for (const [p, v] of Object.entries(siblingValues(f, plain as string | undefined))) if (!this.isNew || (v !== null && !(Array.isArray(v) && !v.length))) this.set(p, v);
    }
    stashes.set(doc, stash);
  });

  // The document in memory reads as plaintext again, and is not dirty for it.
  schema.post('save', function () {
    const doc = this as unknown as Document;
    for (const s of stashes.get(doc) ?? []) {
      s.holder.set(s.path, s.plain);
      doc.unmarkModified(s.full);
    }
    stashes.delete(doc);
  });

  schema.pre('insertMany', function (next: (err?: Error) => void, docs: unknown) {
    for (const d of ([] as unknown[]).concat(docs)) if (d && typeof d === 'object' && !(d instanceof mongoose.Document)) sealObject(fields, d as Record<string, unknown>);
    next();
  });

  for (const op of FILTERED) {
    schema.pre(op, function (this: Query<unknown, unknown>) {
      const filter = this.getFilter();
      if (mentions(fields, filter)) this.setQuery(rewriteFilter(fields, filter));
    });
  }

  for (const op of UPDATES) {
    schema.pre(op, async function (this: Query<unknown, unknown>) {
      const update = this.getUpdate() as Record<string, unknown> | null;
      if (!update || Array.isArray(update)) return;
      const validate = !!this.getOptions().runValidators;
      const top = Object.fromEntries(Object.entries(update).filter(([k]) => !k.startsWith('$')));
      for (const part of [top, update.$set, update.$setOnInsert]) {
        if (!part || typeof part !== 'object') continue;
        const seen = sealObject(fields, part as Record<string, unknown>);
        if (validate) for (const [path, plain] of seen) await validatePlain(schema, path, plain);
      }
      Object.assign(update, top);
      for (const op2 of ['$push', '$addToSet'] as const) {
        const part = update[op2] as Record<string, unknown> | undefined;
        for (const f of fields) {
          if (!f.array || !part?.[f.array]) continue;
          const v = part[f.array] as Record<string, unknown>;
          sealObject(fields, { [f.array]: Array.isArray(v.$each) ? v.$each : [v] });
        }
      }
      const unset = update.$unset as Record<string, unknown> | undefined;
      if (unset) for (const f of fields) if (!f.array && f.path in unset) for (const p of Object.keys(siblingValues(f, undefined))) unset[p] = 1;
      this.setUpdate(update);
    });
  }

  for (const op of LEAN_RESULTS) {
    schema.post(op, function (this: Query<unknown, unknown>, result: unknown) {
      if (!this.mongooseOptions().lean || !result) return;
      for (const doc of Array.isArray(result) ? result : [result]) if (doc && typeof doc === 'object' && !(doc instanceof mongoose.Document)) openObject(fields, doc as Record<string, unknown>);
    });
  }
}
