import fc from 'fast-check';
import { WeChatCrypto, WeChatCryptoError, type WeChatCryptoReason } from '../../../adapters/wecom/crypto';
import { vectorA, vectorB, vectorC } from '../fixtures/wechat-vectors';

const cryptoA = new WeChatCrypto(vectorA);
const cryptoB = new WeChatCrypto(vectorB);

function reasonOf(run: () => unknown): WeChatCryptoReason | 'no error' {
  try {
    run();
  } catch (error) {
    if (error instanceof WeChatCryptoError) return error.reason;
    throw error;
  }
  return 'no error';
}

describe('WeChatCrypto with the official vectors', () => {
  it('vector A: signs and decrypts the WeCom URL check echostr', () => {
    const { timestamp, nonce, echostr, msgSignature, plaintext } = vectorA.urlCheck;
    expect(cryptoA.sign(timestamp, nonce, echostr)).toBe(msgSignature);
    expect(cryptoA.verifySignature(msgSignature, timestamp, nonce, echostr)).toBe(true);
    expect(cryptoA.open({ signature: msgSignature, timestamp, nonce, encrypt: echostr })).toBe(plaintext);
  });

  it('vector A: signs and decrypts the WeCom message', () => {
    const { timestamp, nonce, encrypt, msgSignature, plaintext } = vectorA.message;
    expect(cryptoA.sign(timestamp, nonce, encrypt)).toBe(msgSignature);
    expect(cryptoA.open({ signature: msgSignature, timestamp, nonce, encrypt })).toBe(plaintext);
  });

  it('vector B: Official Account plain signature, msg_signature and decryption', () => {
    const { timestamp, nonce, encrypt } = vectorB;
    expect(cryptoB.sign(timestamp, nonce)).toBe(vectorB.signature);
    expect(cryptoB.verifySignature(vectorB.signature, timestamp, nonce)).toBe(true);
    expect(cryptoB.sign(timestamp, nonce, encrypt)).toBe(vectorB.msgSignature);
    const xml = cryptoB.decrypt(encrypt);
    expect(xml).toContain(`<Content><![CDATA[${vectorB.content}]]></Content>`);
    expect(xml).toContain(`<MsgId>${vectorB.msgId}</MsgId>`);
    expect(xml).toContain(vectorB.fromUserName);
  });

  it('vector C: encrypts deterministically with a fixed random prefix and signs the result', () => {
    const encrypt = cryptoA.encrypt(vectorC.message, Buffer.from(vectorC.randomPrefix, 'ascii'));
    expect(encrypt).toBe(vectorC.encrypt);
    expect(cryptoA.sign(vectorC.timestamp, vectorC.nonce, encrypt)).toBe(vectorC.msgSignature);
    expect(cryptoA.decrypt(vectorC.encrypt)).toBe(vectorC.message);
  });
});

describe('WeChatCrypto refuses what it must refuse', () => {
  const { timestamp, nonce, encrypt, msgSignature } = vectorA.message;

  it('rejects a wrong signature, including one of a different length', () => {
    const flipped = `${msgSignature.slice(0, -1)}${msgSignature.endsWith('e') ? 'f' : 'e'}`;
    expect(cryptoA.verifySignature(flipped, timestamp, nonce, encrypt)).toBe(false);
    expect(cryptoA.verifySignature(msgSignature.slice(1), timestamp, nonce, encrypt)).toBe(false);
    expect(cryptoA.verifySignature(msgSignature, timestamp, `${nonce}1`, encrypt)).toBe(false);
    expect(reasonOf(() => cryptoA.open({ signature: flipped, timestamp, nonce, encrypt }))).toBe('bad_signature');
  });

  it('accepts an upper-case hex signature', () => {
    expect(cryptoA.verifySignature(msgSignature.toUpperCase(), timestamp, nonce, encrypt)).toBe(true);
  });

  it('rejects a message addressed to another receiveid', () => {
    const other = new WeChatCrypto({ ...vectorA, receiveId: 'ww0000000000000000' });
    expect(reasonOf(() => other.decrypt(encrypt))).toBe('bad_receive_id');
    const sealedForOther = other.encrypt('hello');
    expect(reasonOf(() => cryptoA.decrypt(sealedForOther))).toBe('bad_receive_id');
  });

  it('rejects tampered cipher text', () => {
    const bytes = Buffer.from(encrypt, 'base64');
    for (const index of [0, 20, bytes.length - 17, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[index] ^= 0x5a;
      expect(reasonOf(() => cryptoA.decrypt(tampered.toString('base64')))).not.toBe('no error');
    }
  });

  it('rejects a final block whose padding is wrong', () => {
    // Flipping a byte of the second-to-last block flips the same byte of the last plaintext block.
    const bytes = Buffer.from(encrypt, 'base64');
    bytes[bytes.length - 17] ^= 0xff;
    expect(reasonOf(() => cryptoA.decrypt(bytes.toString('base64')))).toBe('bad_padding');
  });

  it('rejects padding bytes that disagree with the pad length', () => {
    // 16 + 4 + 20 + 18 (receiveid) = 58 bytes of plaintext: 6 bytes of padding, each 0x06.
    const bytes = Buffer.from(cryptoA.encrypt('x'.repeat(20)), 'base64');
    expect(bytes.length).toBe(64);
    bytes[bytes.length - 16 - 2] ^= 0x01; // the second-to-last padding byte becomes 0x07
    expect(reasonOf(() => cryptoA.decrypt(bytes.toString('base64')))).toBe('bad_padding');
  });

  it('rejects input that is not base64 or not whole blocks', () => {
    expect(reasonOf(() => cryptoA.decrypt('not base64!'))).toBe('bad_base64');
    expect(reasonOf(() => cryptoA.decrypt(`${encrypt}AAAA`))).toBe('bad_length');
    expect(reasonOf(() => cryptoA.decrypt(''))).toBe('bad_length');
  });

  it('refuses a malformed EncodingAESKey at construction', () => {
    expect(reasonOf(() => new WeChatCrypto({ ...vectorA, encodingAesKey: 'short' }))).toBe('bad_key');
    expect(reasonOf(() => new WeChatCrypto({ ...vectorA, encodingAesKey: `${vectorA.encodingAesKey.slice(1)}!` }))).toBe(
      'bad_key',
    );
  });

  it('rejects a random prefix that is not 16 bytes', () => {
    expect(() => cryptoA.encrypt('x', Buffer.alloc(15))).toThrow(RangeError);
  });
});

describe('WeChatCrypto round trip', () => {
  it('decrypts whatever it encrypts, and open() accepts what seal() produced', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (message, prefix) => {
        const encrypt = cryptoB.encrypt(message, prefix);
        expect(Buffer.from(encrypt, 'base64').length % 32).toBe(0);
        expect(cryptoB.decrypt(encrypt)).toBe(message);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.stringMatching(/^\d{10}$/), fc.string({ minLength: 1, maxLength: 20 }), (message, timestamp, nonce) => {
        const { encrypt, signature } = cryptoA.seal(message, timestamp, nonce);
        expect(cryptoA.open({ signature, timestamp, nonce, encrypt })).toBe(message);
      }),
    );
  });
});
