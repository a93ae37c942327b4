import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { piiKeys, type PiiKey } from './pii-keys';

/** Ciphertext of a personal field: `enc1.<key id>.<base64url(iv ‖ ciphertext ‖ tag)>`. */
const PREFIX = 'enc1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Thrown when a stored value cannot be decrypted (unknown key id, or the value was altered). */
export class PiiDecryptError extends Error {
  override name = 'PiiDecryptError';
}

export function isEncrypted(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

/** AES-256-GCM under the current key, with a fresh IV: the same name twice gives two ciphertexts. */
export function encryptField(plain: string, key: PiiKey = piiKeys().current): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.enc, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${key.id}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
}

/** The plaintext of a stored value; a value written before encryption is returned as it is. */
export function decryptField(value: string): string {
  if (!isEncrypted(value)) return value;
  const dot = value.indexOf('.', PREFIX.length);
  const key = piiKeys().byId.get(value.slice(PREFIX.length, dot));
  if (!key) throw new PiiDecryptError(`no configured PII key has id ${value.slice(PREFIX.length, dot)} (set PII_KEY_PREVIOUS)`);
  const raw = Buffer.from(value.slice(dot + 1), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key.enc, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch (err) {
    throw new PiiDecryptError('a personal field does not decrypt (altered, or another key)', { cause: err } as never);
  }
}

/** Whether the value is encrypted under a key other than the current one (to re-encrypt on rotation). */
export function needsRotation(value: unknown): boolean {
  if (typeof value !== 'string' || !value) return false;
  return !isEncrypted(value) || !value.startsWith(`${PREFIX}${piiKeys().current.id}.`);
}

function mac(key: PiiKey, kind: string, text: string): string {
  return createHmac('sha256', key.mac).update(`${kind}\u0000${text}`).digest().subarray(0, 16).toString('base64url');
}

/** The keyed hash stored beside a field for exact lookups (phone search), under the current key. */
export function keyedHash(kind: string, text: string): string {
  return mac(piiKeys().current, kind, text);
}

/** The hashes a lookup must match: one per configured key, so rows not yet rotated are still found. */
export function lookupHashes(kind: string, text: string): string[] {
  return piiKeys().all.map((k) => mac(k, kind, text));
}

/** A name as searched: NFKC, lower case, no spaces or punctuation, as code points. */
function nameChars(text: string): string[] {
  return Array.from(text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, ''));
}

/**
 * The blind index of a name: keyed hashes of its characters and character pairs, so "王小明" is
 * found by "小明" or "王" without the name being readable. Under the current key.
 */
export function nameIndex(name: string): string[] {
  const chars = nameChars(name);
  const tokens = new Set([...chars, ...chars.slice(1).map((c, i) => chars[i] + c)]);
  return [...tokens].map((t) => keyedHash('name', t));
}

/** What a search for part of a name must find in the index, once per configured key (match one set whole). */
export function nameQuery(part: string): string[][] {
  const chars = nameChars(part);
  const tokens = chars.length <= 1 ? chars : chars.slice(1).map((c, i) => chars[i] + c);
  if (!tokens.length) return [];
  return piiKeys().all.map((k) => [...new Set(tokens)].map((t) => mac(k, 'name', t)));
}
