import { WeChatCrypto } from '../../../adapters/wecom/crypto';
import { Message } from '../../../src/domain/message/message.model';
import { vectorA, vectorC } from '../fixtures/wechat-vectors';
import { FakeWeChatPlatform } from '../helpers/fake-wechat-platform';
import { eventually, inboundOf, settledRepliesTo, startChannelService, type ChannelService } from '../helpers/channel-service';

jest.setTimeout(60_000);

const crypto = new WeChatCrypto(vectorA);
let nextMsgId = 7_000_000_000;

/** An inner WeCom text message from a member, as the platform encrypts it. */
function textXml(from: string, content: string, msgId = String(nextMsgId++)): string {
  return `<xml><ToUserName><![CDATA[${vectorA.receiveId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId><AgentID>1000002</AgentID></xml>`;
}

let nonces = 0;
const freshNonce = () => `n${Date.now()}x${nonces++}`;
const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** The POST WeCom sends: encrypted envelope, msg_signature over its Encrypt, signed now with a fresh nonce. */
function delivery(encrypt: string, options: { signature?: string; timestamp?: string; nonce?: string } = {}) {
  const timestamp = options.timestamp ?? nowSeconds();
  const nonce = options.nonce ?? freshNonce();
  const signature = options.signature ?? crypto.sign(timestamp, nonce, encrypt);
  return {
    method: 'POST' as const,
    url: `/webhooks/wecom?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    headers: { 'content-type': 'text/xml' },
    payload: `<xml><ToUserName><![CDATA[${vectorA.receiveId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
  };
}

describe('WeCom adapter in the running service', () => {
  let platform: FakeWeChatPlatform;
  let running: ChannelService;

  beforeAll(async () => {
    platform = new FakeWeChatPlatform('/cgi-bin/gettoken', '/cgi-bin/message/send');
    const apiBase = await platform.start();
    running = await startChannelService('wecom_adapter', {
      WECOM_CORP_ID: vectorA.receiveId,
      WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: 'corp-secret-value',
      WECOM_TOKEN: vectorA.token,
      WECOM_AES_KEY: vectorA.encodingAesKey,
      WECOM_API_BASE: apiBase,
    });
  });

  afterAll(async () => {
    await running?.close();
    await platform?.close();
  });

  const inject = (request: object) => running.service.app.inject(request as never);

  it('refuses the official vectors today: correctly signed, but in 2016 (the window is 5 minutes)', async () => {
    const { timestamp, nonce, echostr, msgSignature } = vectorA.urlCheck;
    const check = await inject({ method: 'GET', url: `/webhooks/wecom?msg_signature=${msgSignature}&timestamp=${timestamp}&nonce=${nonce}&echostr=${encodeURIComponent(echostr)}` });
    expect([check.statusCode, check.body]).toEqual([401, 'stale_timestamp']);
    const before = await Message.countDocuments();
    const m = vectorA.message;
    const res = await inject({ ...delivery(m.encrypt), url: `/webhooks/wecom?msg_signature=${m.msgSignature}&timestamp=${m.timestamp}&nonce=${m.nonce}` });
    expect([res.statusCode, res.body]).toEqual([401, 'stale_timestamp']);
    expect(await Message.countDocuments()).toBe(before);
  });

  it('answers a URL check signed now with the decrypted echostr', async () => {
    const echostr = crypto.encrypt('1288432023552776189');
    const timestamp = nowSeconds();
    const res = await inject({ method: 'GET', url: `/webhooks/wecom?msg_signature=${crypto.sign(timestamp, 'urlcheck', echostr)}&timestamp=${timestamp}&nonce=urlcheck&echostr=${encodeURIComponent(echostr)}` });
    expect([res.statusCode, res.body]).toEqual([200, '1288432023552776189']);
  });

  it('stores a message, acknowledges with an empty 200 and replies through message/send', async () => {
    const res = await inject(delivery(crypto.encrypt(vectorA.message.plaintext)));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    const [stored] = await inboundOf('wecom');
    expect(stored).toMatchObject({ channelMessageId: '1456453720', text: '你好' });
    await settledRepliesTo('wecom', '1456453720');
    const send = platform.sendCalls[0];
    expect(send.body).toMatchObject({ touser: 'ChenJiaShun', msgtype: 'text', agentid: 1000002 });
    expect((send.body as { text: { content: string } }).text.content).toMatch(/安心家政/);
  });

  it('reproduces vector C with a fixed random prefix, and refuses it as a message: valid signature, no message fields', async () => {
    const encrypt = crypto.encrypt(vectorC.message, Buffer.from(vectorC.randomPrefix, 'ascii'));
    expect(encrypt).toBe(vectorC.encrypt);
    expect(crypto.sign(vectorC.timestamp, vectorC.nonce, encrypt)).toBe(vectorC.msgSignature);
    const before = await Message.countDocuments();
    const res = await inject(delivery(encrypt));
    expect([res.statusCode, res.body]).toEqual([400, 'bad_xml']);
    expect(await Message.countDocuments()).toBe(before);
  });

  it('refuses a replayed signed query carrying another message, and a signature from 2001, storing nothing', async () => {
    const first = delivery(crypto.encrypt(textXml('WangFang', '你好', '8100000061')));
    expect((await inject(first)).statusCode).toBe(200);
    await settledRepliesTo('wecom', '8100000061');
    const before = await Message.countDocuments();
    const timestamp = new URL(first.url, 'http://x').searchParams.get('timestamp')!;
    const nonce = new URL(first.url, 'http://x').searchParams.get('nonce')!;
    const replay = await inject(delivery(crypto.encrypt(textXml('WangFang', '我要投诉', '8100000062')), { timestamp, nonce }));
    expect([replay.statusCode, replay.body]).toEqual([401, 'nonce_reused']);
    const old = await inject(delivery(crypto.encrypt(textXml('WangFang', '旧消息', '8100000063')), { timestamp: '978307200' }));
    expect([old.statusCode, old.body]).toEqual([401, 'stale_timestamp']);
    expect(await Message.countDocuments()).toBe(before);
  });

  it('refuses a wrong signature (401), another corp (403) and malformed XML (400) without storing anything', async () => {
    const before = await Message.countDocuments();
    const good = crypto.encrypt(textXml('Mallory', '假消息'));
    expect((await inject(delivery(good, { signature: 'f'.repeat(40) }))).statusCode).toBe(401);
    const otherCorp = new WeChatCrypto({ ...vectorA, receiveId: 'wwanothercorp000001' }).encrypt(textXml('Mallory', '别家的消息'));
    expect((await inject(delivery(otherCorp))).statusCode).toBe(403);
    const broken = { ...delivery(good), payload: '<xml><Encrypt>unclosed</xml>' };
    expect((await inject(broken)).statusCode).toBe(400);
    expect((await inject({ ...delivery(good), payload: '' })).statusCode).toBe(400);
    expect(await Message.countDocuments()).toBe(before);
  });

  it('stores a delivery retried three times once and answers it once', async () => {
    const sendsBefore = platform.sendCalls.length;
    const request = delivery(crypto.encrypt(textXml('LiLei', '转人工?不，先看看菜单', '8100000001')));
    const answers = await Promise.all([inject(request), inject(request), inject(request)]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(await Message.countDocuments({ channel: 'wecom', channelMessageId: '8100000001' })).toBe(1);
    const replies = await settledRepliesTo('wecom', '8100000001');
    expect(replies.every((m) => m.delivery?.state === 'sent')).toBe(true);
    expect(platform.sendCalls.length - sendsBefore).toBe(replies.length);
    expect(platform.sendCalls.slice(sendsBefore).every((call) => (call.body as { touser: string }).touser === 'LiLei')).toBe(true);
  });

  it('acknowledges before the reply is sent when the platform is slow', async () => {
    const order: string[] = [];
    let webhookAnswered!: () => void;
    // The send is held until the webhook has answered; the timer only breaks a deadlock, so a
    // webhook that waited for the send fails the order check instead of hanging.
    const deadlockBreaker = setTimeout(() => webhookAnswered(), 10_000);
    platform.sendGate = new Promise<void>((resolve) => (webhookAnswered = resolve)).then(() => void order.push('send answered'));
    const res = await inject(delivery(crypto.encrypt(textXml('HanMeimei', '你好', '8100000021'))));
    order.push('webhook answered');
    clearTimeout(deadlockBreaker);
    webhookAnswered();
    expect(res.statusCode).toBe(200);
    await eventually(() => order.includes('send answered'), 'the send to be answered');
    expect(order).toEqual(['webhook answered', 'send answered']);
    platform.sendGate = undefined;
    await settledRepliesTo('wecom', '8100000021');
  });

  it('on 42001 refreshes the token once and retries the send', async () => {
    const tokensBefore = platform.tokenCalls.length;
    const sendsBefore = platform.sendCalls.length;
    platform.sendErrcodes.push(42001);
    await inject(delivery(crypto.encrypt(textXml('ZhangWei', '你好', '8100000042'))));
    const out = await settledRepliesTo('wecom', '8100000042');
    expect(out.every((m) => m.delivery?.state === 'sent')).toBe(true);
    expect(platform.tokenCalls.length - tokensBefore).toBe(1);
    const tokens = platform.sendCalls.slice(sendsBefore).map((call) => call.query.access_token);
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(tokens.slice(1).every((t) => t === tokens[1])).toBe(true);
  });

  it('shows its status in /healthz', async () => {
    const health = (await inject({ method: 'GET', url: '/healthz' })).json();
    expect(health.channels).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'wecom', enabled: true, connected: true, lastReceivedAt: expect.any(String), lastSentAt: expect.any(String) })]));
  });
});
