import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { WeChatCrypto } from '../../../adapters/wecom/crypto';
import { ReplayGuard } from '../../../adapters/shared/replay-guard';
import { weComRoutes } from '../../../adapters/wecom/wecom.routes';
import type { WeChatInboundXml } from '../../../adapters/wecom/xml';
import { mongoNonceStore } from '../../../src/db/webhook-nonces';
import { useTestDatabase } from '../../helpers/database';
import { vectorA } from '../fixtures/wechat-vectors';

useTestDatabase(__filename);

/** The WeCom webhook alone, its clock set to the moment WeCom signed the official vector. */
describe('the WeCom webhook at the time of the official vector', () => {
  const crypto = new WeChatCrypto(vectorA);
  const received: WeChatInboundXml[] = [];
  let app: FastifyInstance;
  const m = vectorA.message;
  const url = (signature: string, timestamp = m.timestamp, nonce = m.nonce) => `/webhooks/wecom?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
  const envelope = (encrypt: string) => `<xml><ToUserName><![CDATA[${vectorA.receiveId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`;
  const post = (target: string, encrypt: string) => app.inject({ method: 'POST', url: target, headers: { 'content-type': 'text/xml' }, payload: envelope(encrypt) });

  beforeAll(async () => {
    const signedAt = Number(m.timestamp) * 1000;
    const replay = new ReplayGuard({ nonces: mongoNonceStore(pino({ level: 'silent' })), windowMs: 300_000, now: () => signedAt + 2_000 });
    app = Fastify();
    await app.register(weComRoutes({ crypto, replay, receive: async (message) => void received.push(message) }));
  });

  afterAll(() => app.close());

  it('answers the URL check of vector A signed a minute before', async () => {
    const { timestamp, nonce, echostr, msgSignature, plaintext } = vectorA.urlCheck;
    const guard = new ReplayGuard({ nonces: mongoNonceStore(pino({ level: 'silent' })), windowMs: 300_000, now: () => Number(timestamp) * 1000 + 60_000 });
    const check = Fastify();
    await check.register(weComRoutes({ crypto, replay: guard, receive: async () => undefined }));
    const res = await check.inject({ method: 'GET', url: `/webhooks/wecom?msg_signature=${msgSignature}&timestamp=${timestamp}&nonce=${nonce}&echostr=${encodeURIComponent(echostr)}` });
    await check.close();
    expect([res.statusCode, res.body]).toEqual([200, plaintext]);
  });

  it('takes the vector A message, and the same request again (a platform retry) as well', async () => {
    expect((await post(url(m.msgSignature), m.encrypt)).statusCode).toBe(200);
    expect((await post(url(m.msgSignature), m.encrypt)).statusCode).toBe(200);
    expect(received.map((r) => [r.msgId, r.fromUserName, r.content])).toEqual([
      ['1456453720', 'ChenJiaShun', '你好'],
      ['1456453720', 'ChenJiaShun', '你好'],
    ]);
  });

  it('refuses its timestamp and nonce with another body, even correctly signed', async () => {
    const other = crypto.encrypt('<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>Mallory</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>投诉</Content><MsgId>1456453721</MsgId></xml>');
    const res = await post(url(crypto.sign(m.timestamp, m.nonce, other)), other);
    expect([res.statusCode, res.body]).toEqual([401, 'nonce_reused']);
    expect(received).toHaveLength(2);
  });

  it('refuses a signature six minutes old or six minutes ahead', async () => {
    for (const offset of [-360, 360]) {
      const timestamp = String(Number(m.timestamp) + offset);
      const res = await post(url(crypto.sign(timestamp, 'n', m.encrypt), timestamp, 'n'), m.encrypt);
      expect([res.statusCode, res.body]).toEqual([401, 'stale_timestamp']);
    }
    expect(received).toHaveLength(2);
  });
});
