import { decryptField, encryptField, isEncrypted, keyedHash, nameIndex } from './field-cipher';

/**
 * A personal field kept encrypted: `path` (dotted), or `path` inside each element of the array
 * `array` (identities[].displayName). `lookup` adds what exact searches need beside it:
 * `phone` a keyed hash of the number and of its last four digits (尾号), `exact` a keyed hash
 * (ID numbers), `name` a blind index of its characters.
 */
export interface PiiField {
  path: string;
  array?: string;
  lookup?: 'phone' | 'exact' | 'name';
}

/** The stored siblings of a field: `<path>Hash`, `<path>Tail`, `<path>Index`. */
export function siblings(f: PiiField): { hash?: string; tail?: string; index?: string } {
  if (f.lookup === 'phone') return { hash: `${f.path}Hash`, tail: `${f.path}Tail` };
  if (f.lookup === 'exact') return { hash: `${f.path}Hash` };
  if (f.lookup === 'name') return { index: `${f.path}Index` };
  return {};
}

export function siblingPaths(fields: PiiField[]): string[] {
  return fields.flatMap((f) => Object.values(siblings(f)).filter((p): p is string => !!p));
}

/** The sibling values of a plaintext (or of nothing: cleared). */
export function siblingValues(f: PiiField, plain: string | null | undefined): Record<string, unknown> {
  const s = siblings(f);
  const out: Record<string, unknown> = {};
  const has = typeof plain === 'string' && plain !== '';
  if (s.hash) out[s.hash] = has ? keyedHash(f.lookup!, plain) : null;
  if (s.tail) out[s.tail] = has ? keyedHash('tail', plain.replace(/\D/g, '').slice(-4)) : null;
  if (s.index) out[s.index] = has ? nameIndex(plain) : [];
  return out;
}

const getIn = (obj: Record<string, unknown>, parts: string[]): unknown => parts.reduce<unknown>((o, p) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[p] : undefined), obj);

function setIn(obj: Record<string, unknown>, parts: string[], value: unknown): void {
  let node = obj;
  for (const p of parts.slice(0, -1)) {
    if (!node[p] || typeof node[p] !== 'object') node[p] = {};
    node = node[p] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

/** Encrypts one value in place of a plain value (`""` and nothing stay as they are). */
export const sealed = (v: unknown): unknown => (typeof v === 'string' && v !== '' && !isEncrypted(v) ? encryptField(v) : v);

function sealElements(f: PiiField, list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const el of list) if (el && typeof el === 'object') (el as Record<string, unknown>)[f.path] = sealed((el as Record<string, unknown>)[f.path]);
}

/**
 * Encrypts the personal fields of a write, in place: a document to insert, or the `$set` /
 * `$setOnInsert` of an update, whose keys may be dotted (`recipient.phone`) or objects holding the
 * field (`recipient: {…}`); siblings are written beside each field. Returns the plaintexts seen,
 * by path, for validation.
 */
export function sealObject(fields: PiiField[], obj: Record<string, unknown>): Map<string, unknown> {
  const seen = new Map<string, unknown>();
  for (const f of fields) {
    if (f.array) {
      if (f.array in obj) sealElements(f, obj[f.array]);
      for (const key of Object.keys(obj)) if (new RegExp(`^${f.array}\\.(\\d+|\\$(\\[\\w*\\])?)\\.${f.path}$`).test(key)) obj[key] = sealed(obj[key]);
      continue;
    }
    const parts = f.path.split('.');
    for (let i = parts.length; i >= 1; i--) {
      const key = parts.slice(0, i).join('.');
      if (!(key in obj)) continue;
      const rest = parts.slice(i);
      const holder = rest.length ? obj[key] : obj;
      if (!holder || typeof holder !== 'object') continue;
      const leaf = rest.length ? rest : [key];
      const plain = getIn(holder as Record<string, unknown>, leaf);
      if (plain === undefined || isEncrypted(plain)) break;
      seen.set(f.path, plain);
      setIn(holder as Record<string, unknown>, leaf, sealed(plain));
      const prefix = leaf.slice(0, -1);
      for (const [sib, value] of Object.entries(siblingValues(f, plain as string | null | undefined))) {
        const sibLeaf = sib.split('.').slice(-1)[0];
        if (rest.length) setIn(holder as Record<string, unknown>, [...prefix, sibLeaf], value);
        else obj[sib] = value;
      }
      break;
    }
  }
  return seen;
}

/** Decrypts the personal fields of a document read from the database, in place. */
export function openObject(fields: PiiField[], obj: Record<string, unknown>): void {
  for (const f of fields) {
    if (f.array) {
      const list = obj[f.array];
      if (Array.isArray(list)) for (const el of list) if (el && isEncrypted((el as Record<string, unknown>)[f.path])) (el as Record<string, unknown>)[f.path] = decryptField((el as Record<string, string>)[f.path]);
      continue;
    }
    const parts = f.path.split('.');
    const value = getIn(obj, parts);
    if (isEncrypted(value)) setIn(obj, parts, decryptField(value));
  }
}
