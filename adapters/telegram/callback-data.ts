import { createHash } from 'node:crypto';
import type { QuickReply } from '../../src/core/message';

/**
 * Telegram callback_data holds 1–64 bytes. A quick reply value that fits travels as is ("v:<value>");
 * a longer one travels as a hash ("h:<22 base64url chars>") resolved against the options last offered.
 */

export const CALLBACK_DATA_LIMIT_BYTES = 64;

/** The callback_data for a quick reply value; always within 64 bytes. */
export function encodeCallbackData(value: string): string {
  const direct = `v:${value}`;
  return Buffer.byteLength(direct, 'utf8') <= CALLBACK_DATA_LIMIT_BYTES ? direct : `h:${digest(value)}`;
}

/**
 * The quick reply value a pressed button stands for, or undefined for unknown data (a hashed button
 * from an older keyboard). Callback data can be forged by a client: treat the result as user input.
 */
export function decodeCallbackData(data: string, offered: readonly QuickReply[]): string | undefined {
  if (data.startsWith('v:')) return data.slice(2);
  if (data.startsWith('h:')) return offered.find((reply) => digest(reply.value) === data.slice(2))?.value;
  return undefined;
}

// 128 bits of SHA-256: collisions between the few options of one message are not a concern.
function digest(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url').slice(0, 22);
}
