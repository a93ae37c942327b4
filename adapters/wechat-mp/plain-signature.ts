import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The Official Account's plain `signature`: SHA-1 over the sorted [token, timestamp, nonce]. It needs
 * no EncodingAESKey, so it also serves accounts in plaintext mode (WeChatCrypto needs the key).
 */
export function verifyPlainSignature(token: string, signature: string, timestamp: string, nonce: string): boolean {
  const expected = Buffer.from(createHash('sha1').update([token, timestamp, nonce].sort().join(''), 'utf8').digest('hex'), 'utf8');
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
