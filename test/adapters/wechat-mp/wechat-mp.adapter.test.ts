import { createDecipheriv } from 'node:crypto';
import { WeChatCrypto } from '../../../adapters/wecom/crypto';
import { Conversation } from '../../../src/domain/conversation/conversation.model';
import { Message } from '../../../src/domain/message/message.model';
import { vectorB } from '../fixtures/wechat-vectors';
import { FakeWeChatPlatform } from '../helpers/fake-wechat-platform';
import { eventually, settledRepliesTo, startChannelService, type ChannelService } from '../helpers/channel-service';

jest.setTimeout(60_000);

const crypto = new WeChatCrypto(vectorB);
let nextMsgId = 6_100_000_000_000_000_000n;
let nonces = 0;
const freshNonce = () => `n${Date.now()}x${nonces++}`;
const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** A follower's text message as XML (MsgId beyond 2^53, as real ones are). */
function textXml(openid: string, content: string, msgId = String(nextMsgId++)): string {
  return `<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

interface Signing {
  timestamp?: string;
  nonce?: string;
  signature?: string;
}

const plainQuery = ({ timestamp = nowSeconds(), nonce = freshNonce(), signature }: Signing = {}) =>
  `signature=${signature ?? crypto.sign(timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`;

/** A POST in plaintext mode: WeChat signs the query only. */
function plainDelivery(xml: string, signing: Signing = {}) {
  return { method: 'POST' as const, url: `/webhooks/wechat-mp?${plainQuery(signing)}&openid=x`, headers: { 'content-type': 'text/xml' }, payload: xml };
}

/** A POST in safe mode: the message encrypted with `sealer`, signed with msg_signature. */
function safeDelivery(xml: string, sealer = crypto, msgSignature?: string) {
  const timestamp = nowSeconds();
  const nonce = freshNonce();
  const encrypt = sealer.encrypt(xml);
  const signature = msgSignature ?? crypto.sign(timestamp, nonce, encrypt);
  return {
    method: 'POST' as const,
    url: `/webhooks/wechat-mp?${plainQuery({ timestamp, nonce })}&encrypt_type=aes&msg_signature=${signature}`,
    headers: { 'content-type': 'text/xml' },
    payload: `<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
  };
}

describe('Official Account adapter in the running service', () => {
  let platform: FakeWeChatPlatform;
  let running: ChannelService;

  beforeAll(async () => {
    platform = new FakeWeChatPlatform('/cgi-bin/token', '/cgi-bin/message/custom/send');
    running = await startChannelService('wechat_mp_adapter', {
      WECHAT_MP_APP_ID: vectorB.receiveId,
      WECHAT_MP_APP_SECRET: 'app-secret-value',
      WECHAT_MP_TOKEN: vectorB.token,
      WECHAT_MP_AES_KEY: vectorB.encodingAesKey,
      WECHAT_MP_API_BASE: await platform.start(),
    });
  });

  afterAll(async () => {
    await running?.close();
    await platform?.close();
  });

  const inject = (request: object) => running.service.app.inject(request as never);
  const contentOf = (call: { body: unknown }) => (call.body as { text: { content: string } }).text.content;

  it('answers a server check signed now with echostr unchanged, and refuses the official vector of 2014 as too old', async () => {
    const timestamp = nowSeconds();
    const res = await inject({ method: 'GET', url: `/webhooks/wechat-mp?signature=${crypto.sign(timestamp, 'chk')}&timestamp=${timestamp}&nonce=chk&echostr=5838479218127813673` });
    expect([res.statusCode, res.body]).toEqual([200, '5838479218127813673']);
    const official = await inject({ method: 'GET', url: `/webhooks/wechat-mp?signature=${vectorB.signature}&timestamp=${vectorB.timestamp}&nonce=${vectorB.nonce}&echostr=1` });
    expect([official.statusCode, official.body]).toEqual([401, 'stale_timestamp']);
    const wrong = await inject({ method: 'GET', url: `/webhooks/wechat-mp?signature=${'0'.repeat(40)}&timestamp=${timestamp}&nonce=chk&echostr=1` });
    expect(wrong.statusCode).toBe(401);
  });

  it('decrypts the official safe-mode message, keeps the 64-bit MsgId as a string and answers "success"', async () => {
    const res = await inject(safeDelivery(crypto.decrypt(vectorB.encrypt)));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('success');
    expect(await Message.findOne({ channel: 'wechat-mp', channelMessageId: vectorB.msgId }).lean()).toMatchObject({ text: vectorB.content });
    const replies = await settledRepliesTo('wechat-mp', vectorB.msgId);
    expect(replies.every((m) => m.delivery?.state === 'sent')).toBe(true);
    expect(platform.sendCalls[0].body).toMatchObject({ touser: vectorB.fromUserName, msgtype: 'text' });
  });

  it('refuses plaintext once safe mode is configured, even correctly signed, storing nothing', async () => {
    const before = await Message.countDocuments();
    const res = await inject(plainDelivery(textXml('oMallory', '我要投诉，退钱')));
    expect([res.statusCode, res.body]).toEqual([403, 'encryption_required']);
    expect(await Message.countDocuments()).toBe(before);
  });

  it('re-encrypts the official vector byte for byte with its own random prefix', () => {
    const key = Buffer.from(`${vectorB.encodingAesKey}=`, 'base64');
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const prefix = Buffer.concat([decipher.update(Buffer.from(vectorB.encrypt, 'base64')), decipher.final()]).subarray(0, 16);
    const plain = crypto.decrypt(vectorB.encrypt);
    expect(crypto.encrypt(plain, prefix)).toBe(vectorB.encrypt);
    expect(crypto.sign(vectorB.timestamp, vectorB.nonce, vectorB.encrypt)).toBe(vectorB.msgSignature);
  });

  it('refuses wrong signatures (401), another AppID (403) and malformed XML (400) without storing anything', async () => {
    const before = await Message.countDocuments();
    expect((await inject(plainDelivery(textXml('oMallory', '假的'), { signature: 'a'.repeat(40) }))).statusCode).toBe(401);
    expect((await inject(safeDelivery(textXml('oMallory', '假的'), crypto, 'b'.repeat(40)))).statusCode).toBe(401);
    const otherApp = new WeChatCrypto({ ...vectorB, receiveId: 'wx0000000000000000' });
    expect((await inject(safeDelivery(textXml('oMallory', '别家的'), otherApp))).statusCode).toBe(403);
    expect((await inject(safeDelivery('<xml><Content>no close'))).statusCode).toBe(400);
    expect((await inject(safeDelivery('<!DOCTYPE x [<!ENTITY a "b">]><xml><MsgType>text</MsgType></xml>'))).statusCode).toBe(400);
    const nested = textXml('oMallory', '假的').replace('<FromUserName><![CDATA[oMallory]]></FromUserName>', '<FromUserName><a>1</a></FromUserName>');
    expect((await inject(safeDelivery(nested))).statusCode).toBe(400);
    expect(await Message.countDocuments()).toBe(before);
  });

  it('stores a delivery retried three times once and answers it once', async () => {
    const sendsBefore = platform.sendCalls.length;
    const request = safeDelivery(textXml('oRetry', '你好', '6200000000000000001'));
    const answers = await Promise.all([inject(request), inject(request), inject(request)]);
    expect(answers.map((a) => a.body)).toEqual(['success', 'success', 'success']);
    expect(await Message.countDocuments({ channel: 'wechat-mp', channelMessageId: '6200000000000000001' })).toBe(1);
    const replies = await settledRepliesTo('wechat-mp', '6200000000000000001');
    expect(platform.sendCalls.length - sendsBefore).toBe(replies.length);
  });

  it('acknowledges before the reply is sent when the platform is slow', async () => {
    const order: string[] = [];
    let release!: () => void;
    const deadlockBreaker = setTimeout(() => release(), 10_000);
    platform.sendGate = new Promise<void>((resolve) => (release = resolve)).then(() => void order.push('send answered'));
    const res = await inject(safeDelivery(textXml('oSlow', '你好', '6200000000000000002')));
    order.push('webhook answered');
    clearTimeout(deadlockBreaker);
    release();
    expect(res.body).toBe('success');
    await eventually(() => order.includes('send answered'), 'the send to be answered');
    expect(order).toEqual(['webhook answered', 'send answered']);
    platform.sendGate = undefined;
    await settledRepliesTo('wechat-mp', '6200000000000000002');
  });

  it('on 42001 refreshes the token once and retries the send', async () => {
    const tokensBefore = platform.tokenCalls.length;
    platform.sendErrcodes.push(42001);
    await inject(safeDelivery(textXml('oExpired', '你好', '6200000000000000003')));
    const replies = await settledRepliesTo('wechat-mp', '6200000000000000003');
    expect(replies.every((m) => m.delivery?.state === 'sent')).toBe(true);
    expect(platform.tokenCalls.length - tokensBefore).toBe(1);
  });

  it('greets a new follower (subscribe event) through customer-service send', async () => {
    const xml = `<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[oNewFollower]]></FromUserName><CreateTime>1700000100</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>`;
    const res = await inject(safeDelivery(xml));
    expect(res.body).toBe('success');
    const greeting = await eventually(() => platform.sendCalls.find((call) => (call.body as { touser: string }).touser === 'oNewFollower'), 'the greeting');
    expect(contentOf(greeting)).toMatch(/安心家政/);
    const conversation = await Conversation.findOne({ channel: 'wechat-mp', conversationKey: 'oNewFollower' }).lean();
    const settled = () =>
      eventually(async () => {
        const out = await Message.find({ conversation: conversation?._id, direction: 'out' }).lean();
        return out.length > 0 && out.every((m) => m.delivery?.state === 'sent') ? out : undefined;
      }, 'the greeting to be delivered');
    const greeted = await settled();
    // A retried subscribe does not greet twice.
    expect((await inject(safeDelivery(xml))).body).toBe('success');
    expect(await settled()).toHaveLength(greeted.length);
    expect(platform.sendCalls.filter((call) => (call.body as { touser: string }).touser === 'oNewFollower')).toHaveLength(greeted.length);
  });

  it('records a failure instead of sending once the 48-hour window has closed', async () => {
    const away = await inject(safeDelivery(textXml('oAway', '你好', '6200000000000000004')));
    expect([away.statusCode, away.body]).toEqual([200, 'success']);
    await settledRepliesTo('wechat-mp', '6200000000000000004');
    // The turn is over: its commit recorded the message among the conversation's turns.
    const inbound = await Message.findOne({ channel: 'wechat-mp', channelMessageId: '6200000000000000004' }).lean();
    await eventually(() => Conversation.exists({ _id: inbound?.conversation, turns: inbound?._id }), 'the end of the turn');
    const conversation = await Conversation.findOneAndUpdate(
      { channel: 'wechat-mp', conversationKey: 'oAway' },
      { $set: { 'replyContext.lastInteractionAt': new Date(Date.now() - 49 * 3600_000).toISOString() } },
      { new: true },
    ).lean();
    const sendsBefore = platform.sendCalls.length;
    await running.service.conversations.startFlow({ customerId: String(conversation?.customer), channel: 'wechat-mp', flowId: 'greeting', values: {} });
    const failed = await eventually(() => Message.findOne({ conversation: conversation?._id, 'delivery.state': 'failed' }).lean(), 'a failed delivery');
    expect(failed.delivery?.error).toMatch(/48-hour/);
    expect(platform.sendCalls.length).toBe(sendsBefore);
  });
});
