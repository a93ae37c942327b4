import fc from 'fast-check';
import { signOneBotBody, verifyOneBotSignature } from '../../../adapters/onebot/signature';

const secret = 'onebot-secret';
const body = Buffer.from(
  '{"time":1515204254,"self_id":10001000,"post_type":"message","message_type":"private","sub_type":"friend","message_id":12,"user_id":12345678,"message":"hello","raw_message":"hello","font":0}',
  'utf8',
);
const header = 'sha1=83ad57e27a0841f50d465be560426e78f64e8293';

describe('OneBot X-Signature', () => {
  it('matches the CHANNELS.md vector', () => {
    expect(signOneBotBody(secret, body)).toBe(header);
    expect(verifyOneBotSignature(secret, body, header)).toBe(true);
  });

  it('accepts upper-case hex and surrounding whitespace', () => {
    expect(verifyOneBotSignature(secret, body, `sha1=${header.slice(5).toUpperCase()}`)).toBe(true);
    expect(verifyOneBotSignature(secret, body, ` ${header} `)).toBe(true);
  });

  it('rejects a missing, malformed or wrong signature', () => {
    expect(verifyOneBotSignature(secret, body, undefined)).toBe(false);
    expect(verifyOneBotSignature(secret, body, '')).toBe(false);
    expect(verifyOneBotSignature(secret, body, header.slice(5))).toBe(false);
    expect(verifyOneBotSignature(secret, body, `${header}00`)).toBe(false);
    expect(verifyOneBotSignature(secret, body, 'sha256=83ad57e27a0841f50d465be560426e78f64e8293')).toBe(false);
    expect(verifyOneBotSignature(secret, body, header.replace('83ad', '83ae'))).toBe(false);
    expect(verifyOneBotSignature('other-secret', body, header)).toBe(false);
  });

  it('is computed on the raw bytes: re-serialised JSON does not verify', () => {
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
    expect(verifyOneBotSignature(secret, reformatted, header)).toBe(false);
  });

  it('verifies what it signs and rejects any one-byte change', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), (bytes, at) => {
        const signature = signOneBotBody(secret, bytes);
        expect(verifyOneBotSignature(secret, bytes, signature)).toBe(true);
        const changed = Uint8Array.from(bytes);
        changed[at % changed.length] ^= 0x01;
        expect(verifyOneBotSignature(secret, changed, signature)).toBe(false);
      }),
    );
  });
});
