import { parsePhone } from '../core/text/phone';
import { lookupHashes, nameQuery } from './field-cipher';
import { siblings, type PiiField } from './pii-fields';

type Filter = Record<string, unknown>;

/** A condition that matches nothing (a search that cannot be answered from hashes). */
const NOTHING = { _id: { $in: [] } };

/** Whether a condition asks only about presence (null, '', $exists…), which ciphertext answers as plaintext did. */
function presenceOnly(v: unknown): boolean {
  if (v === null || v === '') return true;
  if (!v || typeof v !== 'object' || v instanceof RegExp) return false;
  return Object.entries(v as Filter).every(([op, x]) => op === '$exists' || op === '$type' || ((op === '$in' || op === '$nin') && Array.isArray(x) && x.every((e) => e === null || e === '')) || ((op === '$ne' || op === '$eq') && (x === null || x === '')));
}

/** The text a regex filter searches for: an escaped literal ("王小明", "1381234"), anchors dropped. */
function regexText(v: unknown): string | undefined {
  const source = v instanceof RegExp ? v.source : v && typeof v === 'object' && '$regex' in (v as Filter) ? String((v as Filter).$regex instanceof RegExp ? ((v as Filter).$regex as RegExp).source : (v as Filter).$regex) : undefined;
  return source?.replace(/^\^|\$$/g, '').replace(/\\(.)/g, '$1');
}

function phoneCondition(f: PiiField, text: string, partial: boolean): Filter {
  const s = siblings(f);
  const digits = text.replace(/[\s()+-]/g, '');
  const phone = parsePhone(text.startsWith('+') ? text : digits);
  if (phone) return { [s.hash!]: { $in: lookupHashes('phone', phone.e164) } };
  // Part of a number: its last four digits (尾号) are searchable, nothing shorter.
  if (partial && /^\d{4}$/.test(digits)) return { [s.tail!]: { $in: lookupHashes('tail', digits) } };
  return NOTHING;
}

function nameCondition(f: PiiField, text: string): Filter {
  const sets = nameQuery(text);
  if (!sets.length) return {};
  const index = siblings(f).index!;
  return sets.length === 1 ? { [index]: { $all: sets[0] } } : { $or: sets.map((s) => ({ [index]: { $all: s } })) };
}

/** One condition on a personal field as conditions on its hashes; throws where none can answer. */
function rewrite(f: PiiField, v: unknown): Filter {
  const partial = regexText(v);
  const values = typeof v === 'string' ? [v] : v && typeof v === 'object' && !(v instanceof RegExp) && Object.keys(v).length === 1 && ('$eq' in (v as Filter) || '$in' in (v as Filter)) ? ([] as unknown[]).concat((v as Filter).$eq ?? (v as Filter).$in) : undefined;
  if (!f.lookup) throw new Error(`the encrypted field ${f.path} cannot be searched`);
  const one = (text: string, isPartial: boolean): Filter => (f.lookup === 'phone' ? phoneCondition(f, text, isPartial) : f.lookup === 'name' ? nameCondition(f, text) : { [siblings(f).hash!]: { $in: lookupHashes('exact', text) } });
  if (partial !== undefined) return one(partial, true);
  if (!values) throw new Error(`the encrypted field ${f.path} can only be searched by equality, $in or a literal pattern`);
  const texts = values.filter((x): x is string => typeof x === 'string' && x !== '');
  const empty = values.filter((x) => x === null || x === '');
  const conditions = [...(empty.length ? [{ [f.path]: { $in: empty } }] : []), ...texts.map((t) => one(t, false))];
  return conditions.length === 1 ? conditions[0] : { $or: conditions.length ? conditions : [NOTHING] };
}

/**
 * A query filter with each condition on a searchable personal field replaced by one on its keyed
 * hashes (phone, ID number) or blind index (names), through $and / $or / $nor. Conditions about
 * presence only (`{ phone: { $in: [null, ''] } }`) stay as they are: they read the same on ciphertext.
 */
export function rewriteFilter(fields: PiiField[], filter: Filter): Filter {
  const byPath = new Map(fields.filter((f) => !f.array).map((f) => [f.path, f]));
  const out: Filter = {};
  const extra: Filter[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if ((key === '$and' || key === '$or' || key === '$nor') && Array.isArray(value)) {
      out[key] = value.map((x) => (x && typeof x === 'object' ? rewriteFilter(fields, x as Filter) : x));
      continue;
    }
    const f = byPath.get(key);
    if (!f || presenceOnly(value)) {
      out[key] = value;
      continue;
    }
    extra.push(rewrite(f, value));
  }
  if (!extra.length) return out;
  return Object.keys(out).length ? { $and: [out, ...extra] } : extra.length === 1 ? extra[0] : { $and: extra };
}

/** Whether a filter names a personal field at all (most do not: then nothing is rewritten). */
export function mentions(fields: PiiField[], filter: unknown): boolean {
  if (!filter || typeof filter !== 'object') return false;
  return Object.entries(filter as Filter).some(([k, v]) => fields.some((f) => !f.array && f.path === k) || (Array.isArray(v) && v.some((x) => mentions(fields, x))));
}
