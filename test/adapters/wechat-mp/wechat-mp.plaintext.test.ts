import { Writable } from 'node:stream';
import { WeChatCrypto } from '../../../adapters/wecom/crypto';
import { Complaint } from '../../../src/domain/complaint/complaint.model';
import { Message } from '../../../src/domain/message/message.model';
import { createLogger } from '../../../src/logging/logger';
import { vectorB } from '../fixtures/wechat-vectors';
import { FakeWeChatPlatform } from '../helpers/fake-wechat-platform';
import { settledRepliesTo, startChannelService, type ChannelService } from '../helpers/channel-service';

jest.setTimeout(60_000);

// Plaintext mode: no EncodingAESKey, so WeChat signs the query string only — never the message.
const signer = new WeChatCrypto(vectorB);
const nowSeconds = () => String(Math.floor(Date.now() / 1000));

function textXml(openid: string, content: string, msgId: string): string {
  return `<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${nowSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

function signedQuery(timestamp: string, nonce: string): string {
  return `signature=${signer.sign(timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}&openid=oLi`;
}

describe('Official Account in plaintext mode', () => {
  let platform: FakeWeChatPlatform;
  let running: ChannelService;
  const logged: string[] = [];

  beforeAll(async () => {
    platform = new FakeWeChatPlatform('/cgi-bin/token', '/cgi-bin/message/custom/send');
    // The service's own logger at info, as npm start runs it, writing where the test can read it.
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void (logged.push(chunk.toString()), done()) });
    const log = createLogger({ LOG_LEVEL: 'info', NODE_ENV: 'test', LOG_FORMAT: 'json' }, sink);
    running = await startChannelService(
      'wechat_mp_plain',
      { WECHAT_MP_APP_ID: vectorB.receiveId, WECHAT_MP_APP_SECRET: 'app-secret-value', WECHAT_MP_TOKEN: vectorB.token, WECHAT_MP_API_BASE: await platform.start() },
      log,
    );
  });

  afterAll(async () => {
    await running?.close();
    await platform?.close();
  });

  const post = (query: string, xml: string) => running.service.app.inject({ method: 'POST', url: `/webhooks/wechat-mp?${query}`, headers: { 'content-type': 'text/xml' }, payload: xml });

  it('takes a signed delivery, and the same delivery retried, once', async () => {
    const query = signedQuery(nowSeconds(), 'first-nonce');
    const xml = textXml('oLi', '你好', '6300000000000000001');
    expect((await post(query, xml)).body).toBe('success');
    expect((await post(query, xml)).body).toBe('success');
    expect(await Message.countDocuments({ channel: 'wechat-mp', channelMessageId: '6300000000000000001' })).toBe(1);
    await settledRepliesTo('wechat-mp', '6300000000000000001');
  });

  it('refuses a signed query string taken from a delivery to carry another message: no message, no complaint', async () => {
    const query = signedQuery(nowSeconds(), 'seen-nonce');
    expect((await post(query, textXml('oLi', '在吗', '6300000000000000002'))).body).toBe('success');
    await settledRepliesTo('wechat-mp', '6300000000000000002');
    const before = await Message.countDocuments();
    const forged = await post(query, textXml('oVictim', '投诉：你们的保姆偷东西，严重投诉', '6300000000000000003'));
    expect([forged.statusCode, forged.body]).toEqual([401, 'nonce_reused']);
    expect(await Message.countDocuments()).toBe(before);
    expect(await Complaint.countDocuments()).toBe(0);
  });

  it('refuses a correctly signed delivery from 2001', async () => {
    const before = await Message.countDocuments();
    const res = await post(signedQuery('978307200', 'y2k'), textXml('oLi', '你好', '6300000000000000004'));
    expect([res.statusCode, res.body]).toEqual([401, 'stale_timestamp']);
    expect(await Message.countDocuments()).toBe(before);
  });

  it('writes no signature, nonce or echostr of a webhook request to the log', async () => {
    const timestamp = nowSeconds();
    const signature = signer.sign(timestamp, 'log-nonce-7731');
    await running.service.app.inject({ method: 'GET', url: `/webhooks/wechat-mp?signature=${signature}&timestamp=${timestamp}&nonce=log-nonce-7731&echostr=echo-5512` });
    await post(`signature=${signature}&timestamp=${timestamp}&nonce=log-nonce-7731&openid=oLi`, textXml('oLi', '你好', '6300000000000000005'));
    await settledRepliesTo('wechat-mp', '6300000000000000005');
    const lines = logged.join('');
    // The requests were logged (method and path), their credentials were not.
    expect(lines).toContain('/webhooks/wechat-mp?signature=[redacted]');
    for (const secret of [signature, 'log-nonce-7731', 'echo-5512', vectorB.token, 'app-secret-value']) expect(lines).not.toContain(secret);
  });
});
