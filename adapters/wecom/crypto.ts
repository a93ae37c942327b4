import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Message encryption shared by WeCom (企业微信) and the WeChat Official Account (公众号) in safe mode:
 * AES-256-CBC, IV = key[0..16], PKCS#7 padding to a multiple of 32, and a SHA-1 signature.
 */

/** Why a message was refused: lets the HTTP layer log precisely and answer 401 or 400. */
export type WeChatCryptoReason =
  | 'bad_key'
  | 'bad_signature'
  | 'bad_base64'
  | 'bad_padding'
  | 'bad_length'
  | 'bad_receive_id'
  /** Safe mode is configured (an EncodingAESKey is set) and the delivery came in plaintext. */
  | 'encryption_required';

/** A crypto check failed; `reason` says which. */
export class WeChatCryptoError extends Error {
  readonly reason: WeChatCryptoReason;

  constructor(reason: WeChatCryptoReason, message: string) {
    super(message);
    this.name = 'WeChatCryptoError';
    this.reason = reason;
  }
}

/** What the platform console shows: the Token, the 43-character EncodingAESKey and the receiver. */
export interface WeChatCryptoOptions {
  token: string;
  encodingAesKey: string;
  /** The corpid for a self-built WeCom app, the AppID for an Official Account. */
  receiveId: string;
}

/** The query parameters and payload of a signed delivery. */
export interface SignedPayload {
  signature: string;
  timestamp: string;
  nonce: string;
  encrypt: string;
}

// The platforms pad to 32 bytes, not to the AES block size, so Node's own padding cannot be used.
const PAD_BLOCK = 32;
const RANDOM_PREFIX_BYTES = 16;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** One instance per app: derives the AES key once and checks every message against the receiveId. */
export class WeChatCrypto {
  private readonly token: string;
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private readonly receiveId: Buffer;

  constructor(options: WeChatCryptoOptions) {
    const key = Buffer.from(`${options.encodingAesKey}=`, 'base64');
    if (options.encodingAesKey.length !== 43 || !STRICT_BASE64.test(`${options.encodingAesKey}=`) || key.length !== 32) {
      throw new WeChatCryptoError('bad_key', 'EncodingAESKey must be 43 base64 characters');
    }
    this.token = options.token;
    this.key = key;
    this.iv = key.subarray(0, 16);
    this.receiveId = Buffer.from(options.receiveId, 'utf8');
  }

  /**
   * Lower-case hex SHA-1 over the sorted [token, timestamp, nonce, encrypt]. Without `encrypt` it is
   * the Official Account's plain `signature` over [token, timestamp, nonce].
   */
  sign(timestamp: string, nonce: string, encrypt?: string): string {
    const parts = encrypt === undefined ? [this.token, timestamp, nonce] : [this.token, timestamp, nonce, encrypt];
    return createHash('sha1').update(parts.sort().join(''), 'utf8').digest('hex');
  }

  /** Constant-time check of a signature taken from the query string (hex, either case). */
  verifySignature(signature: string, timestamp: string, nonce: string, encrypt?: string): boolean {
    const expected = Buffer.from(this.sign(timestamp, nonce, encrypt), 'utf8');
    const given = Buffer.from(signature.toLowerCase(), 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * Verifies the signature, then decrypts. Always prefer this to `decrypt` on inbound traffic: checking
   * the signature first means padding errors are never revealed to an unauthenticated sender.
   */
  open(payload: SignedPayload): string {
    if (!this.verifySignature(payload.signature, payload.timestamp, payload.nonce, payload.encrypt)) {
      throw new WeChatCryptoError('bad_signature', 'msg_signature does not match');
    }
    return this.decrypt(payload.encrypt);
  }

  /** Decrypts an Encrypt value and checks that it was meant for this receiveId. */
  decrypt(encrypt: string): string {
    if (!STRICT_BASE64.test(encrypt)) throw new WeChatCryptoError('bad_base64', 'Encrypt is not base64');
    const cipherText = Buffer.from(encrypt, 'base64');
    // AES needs whole 16-byte blocks; the 32-byte padding itself is checked after decryption.
    if (cipherText.length === 0 || cipherText.length % 16 !== 0) {
      throw new WeChatCryptoError('bad_length', 'cipher text is not a whole number of AES blocks');
    }
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv);
    decipher.setAutoPadding(false);
    const plain = unpad(Buffer.concat([decipher.update(cipherText), decipher.final()]));

    const bodyStart = RANDOM_PREFIX_BYTES + 4;
    if (plain.length < bodyStart) throw new WeChatCryptoError('bad_length', 'plaintext too short');
    const messageLength = plain.readUInt32BE(RANDOM_PREFIX_BYTES);
    if (messageLength > plain.length - bodyStart) {
      throw new WeChatCryptoError('bad_length', 'message length exceeds the plaintext');
    }
    const receiveId = plain.subarray(bodyStart + messageLength);
    if (!receiveId.equals(this.receiveId)) {
      throw new WeChatCryptoError('bad_receive_id', 'message is addressed to another receiveid');
    }
    return plain.subarray(bodyStart, bodyStart + messageLength).toString('utf8');
  }

  /** Encrypts a message for a passive reply; `randomPrefix` (16 bytes) exists for test vectors only. */
  encrypt(message: string, randomPrefix?: Uint8Array): string {
    const prefix = randomPrefix === undefined ? randomBytes(RANDOM_PREFIX_BYTES) : Buffer.from(randomPrefix);
    if (prefix.length !== RANDOM_PREFIX_BYTES) throw new RangeError('randomPrefix must be 16 bytes');
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv);
    cipher.setAutoPadding(false);
    const plain = pad(Buffer.concat([prefix, length, body, this.receiveId]));
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  /** Encrypts and signs a passive reply: the values of the reply envelope. */
  seal(message: string, timestamp: string, nonce: string): { encrypt: string; signature: string } {
    const encrypt = this.encrypt(message);
    return { encrypt, signature: this.sign(timestamp, nonce, encrypt) };
  }
}

function pad(data: Buffer): Buffer {
  const count = PAD_BLOCK - (data.length % PAD_BLOCK);
  return Buffer.concat([data, Buffer.alloc(count, count)]);
}

function unpad(data: Buffer): Buffer {
  const count = data[data.length - 1];
  if (count < 1 || count > PAD_BLOCK || count > data.length) {
    throw new WeChatCryptoError('bad_padding', 'invalid padding length');
  }
  for (let i = data.length - count; i < data.length; i += 1) {
    if (data[i] !== count) throw new WeChatCryptoError('bad_padding', 'invalid padding bytes');
  }
  return data.subarray(0, data.length - count);
}
