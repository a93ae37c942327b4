import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * OneBot v11 HTTP POST reporting signs the raw body: `X-Signature: sha1=<hex HMAC-SHA1(secret, body)>`.
 * Verify on the exact bytes received, before parsing the JSON.
 */

const HEADER = /^sha1=([0-9a-f]{40})$/i;

/** The `X-Signature` value an implementation would send for these bytes (lower-case hex). */
export function signOneBotBody(secret: string, rawBody: Uint8Array | string): string {
  return `sha1=${createHmac('sha1', secret).update(rawBody).digest('hex')}`;
}

/**
 * True when `header` is a valid signature of `rawBody`. Hex of either case is accepted (NapCat sends
 * lower case, others upper); the digests are compared as bytes in constant time.
 */
export function verifyOneBotSignature(secret: string, rawBody: Uint8Array | string, header: string | undefined): boolean {
  const match = HEADER.exec(header?.trim() ?? '');
  if (match === null) return false;
  const given = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha1', secret).update(rawBody).digest();
  return timingSafeEqual(given, expected);
}
