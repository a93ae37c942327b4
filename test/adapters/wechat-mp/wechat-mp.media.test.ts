import { WeChatCrypto } from '../../../adapters/wecom/crypto';
import { Conversation } from '../../../src/domain/conversation/conversation.model';
import { MediaFile } from '../../../src/domain/media/media-file.model';
import { Message } from '../../../src/domain/message/message.model';
import { vectorB } from '../fixtures/wechat-vectors';
import { FakeWeChatPlatform } from '../helpers/fake-wechat-platform';
import { uploadedFiles } from '../helpers/fake-http-server';
import { eventually, startChannelService, type ChannelService } from '../helpers/channel-service';
import { agentSendsPicture, claim, consoleFile, consoleTranscript, managerCookie, onlineAgent } from '../helpers/console-view';
import { AMR_VOICE, multipart, photoJpeg, photoPng } from '../../helpers/media-files';

jest.setTimeout(60_000);

const crypto = new WeChatCrypto(vectorB);
const OPENID = 'oyORnuP8q7ou2gfYjqLzSIWZf0rs';
let nonces = 0;

const xmlOf = (msgId: string, fields: string) =>
  `<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName><CreateTime>1700000000</CreateTime>${fields}<MsgId>${msgId}</MsgId></xml>`;

/** A safe-mode delivery; the same object sent twice is WeChat's retry. */
function delivery(xml: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = `p${Date.now()}x${nonces++}`;
  const encrypt = crypto.encrypt(xml);
  return {
    method: 'POST' as const,
    url: `/webhooks/wechat-mp?signature=${crypto.sign(timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}&encrypt_type=aes&msg_signature=${crypto.sign(timestamp, nonce, encrypt)}`,
    headers: { 'content-type': 'text/xml' },
    payload: `<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
  };
}

describe('Official Account pictures and voice', () => {
  let platform: FakeWeChatPlatform;
  let running: ChannelService;
  const inject = (request: object) => running.service.app.inject(request as never);

  beforeAll(async () => {
    platform = new FakeWeChatPlatform('/cgi-bin/token', '/cgi-bin/message/custom/send');
    running = await startChannelService('wechat_mp_media', {
      WECHAT_MP_APP_ID: vectorB.receiveId, WECHAT_MP_APP_SECRET: 'app-secret-value', WECHAT_MP_TOKEN: vectorB.token, WECHAT_MP_AES_KEY: vectorB.encodingAesKey,
      WECHAT_MP_API_BASE: await platform.start(), ASSIGNMENT_MODE: 'manual',
    });
  });

  afterAll(async () => {
    await running?.close();
    await platform?.close();
  });

  it('a picture and a voice message (with its Recognition kept) arrive, are stored once, and the console shows them', async () => {
    const photo = await photoJpeg(320, 240);
    platform.media.set('MP_IMG', { data: photo, contentType: 'image/jpeg' });
    platform.media.set('MP_VOICE', { data: AMR_VOICE, contentType: 'audio/amr' });
    const image = delivery(xmlOf('6200000000000000001', '<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://mmbiz.qpic.cn/x]]></PicUrl><MediaId><![CDATA[MP_IMG]]></MediaId>'));
    expect((await inject(image)).statusCode).toBe(200);
    expect((await inject(image)).statusCode).toBe(200);
    const voice = delivery(xmlOf('6200000000000000002', '<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[MP_VOICE]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[我家的花瓶被打碎了]]></Recognition>'));
    expect((await inject(voice)).statusCode).toBe(200);

    const stored = await Message.find({ channel: 'wechat-mp', direction: 'in' }).sort({ _id: 1 }).lean();
    expect(stored.map((m) => m.channelMessageId)).toEqual(['6200000000000000001', '6200000000000000002']);
    expect(stored[0].attachments).toEqual([expect.objectContaining({ kind: 'image', mime: 'image/jpeg', size: photo.length })]);
    // What was said is the message's text (the bot reads it) and the voice's transcript (the console shows it).
    expect(stored[1].text).toBe('我家的花瓶被打碎了');
    expect(stored[1].attachments).toEqual([expect.objectContaining({ kind: 'voice', mime: 'audio/amr', transcript: '我家的花瓶被打碎了' })]);
    expect(platform.downloads).toHaveLength(2);
    expect(await MediaFile.countDocuments({ key: /^wechat-mp:/ })).toBe(2);

    const cookie = await managerCookie(running.service.app);
    const shown = (await consoleTranscript(running.service.app, cookie, String(stored[0].conversation))).filter((m) => m.author === 'customer');
    expect(shown.map((m) => m.attachments?.[0].kind)).toEqual(['image', 'voice']);
    expect(shown[1].attachments?.[0].transcript).toBe('我家的花瓶被打碎了');
    const file = await consoleFile(running.service.app, cookie, shown[1].attachments![0].url!);
    expect([file.status, file.type, Buffer.compare(file.data, AMR_VOICE)]).toEqual([200, 'audio/amr', 0]);
  });

  it("an agent's picture goes out as a customer-service image; a file that is no picture is refused on the message", async () => {
    const cookie = await onlineAgent(running.service.app);
    expect((await inject(delivery(xmlOf('6200000000000000003', '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[转人工]]></Content>')))).statusCode).toBe(200);
    const conversation = await eventually(() => Conversation.findOne({ channel: 'wechat-mp', status: 'waiting' }).lean(), 'the hand-off');
    await claim(running.service.app, cookie, String(conversation._id));
    const picture = await photoPng(180, 120);
    const sent = await agentSendsPicture(running.service.app, cookie, String(conversation._id), picture, '安装示意.png', '请看这张图');

    const image = await eventually(() => platform.sendCalls.find((c) => (c.body as { msgtype?: string }).msgtype === 'image'), 'the image message');
    expect(image.body).toEqual({ touser: OPENID, msgtype: 'image', image: { media_id: 'uploaded-1' } });
    const [upload] = await uploadedFiles(platform.uploads[0]);
    expect([platform.uploads[0].query.type, Buffer.compare(upload.data, picture)]).toEqual(['image', 0]);
    expect(platform.sendCalls.some((c) => (c.body as { text?: { content: string } }).text?.content.endsWith('请看这张图'))).toBe(true);
    await eventually(async () => (await Message.findById(sent.id).lean())?.delivery?.state === 'sent', 'delivered');

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const body = await multipart({}, { data: pdf, name: '发票.pdf', type: 'application/pdf' });
    const res = await running.service.app.inject({ method: 'POST', url: `/api/v1/console/conversations/${String(conversation._id)}/attachments`, headers: { ...body.headers, cookie }, payload: body.payload });
    expect(res.statusCode).toBe(201);
    const failed = await eventually(async () => {
      const m = await Message.findById(res.json().message.id).lean();
      return m?.delivery?.state === 'failed' ? m : undefined;
    }, 'the refusal');
    expect(failed.delivery?.error).toContain('pictures only');
    expect(platform.uploads).toHaveLength(1);
  });
});
