import { WeChatCrypto } from '../../../adapters/wecom/crypto';
import { Conversation } from '../../../src/domain/conversation/conversation.model';
import { MediaFile } from '../../../src/domain/media/media-file.model';
import { Message } from '../../../src/domain/message/message.model';
import { vectorA } from '../fixtures/wechat-vectors';
import { FakeWeChatPlatform } from '../helpers/fake-wechat-platform';
import { uploadedFiles } from '../helpers/fake-http-server';
import { eventually, startChannelService, type ChannelService } from '../helpers/channel-service';
import { agentSendsPicture, claim, onlineAgent, consoleFile, consoleTranscript, managerCookie } from '../helpers/console-view';
import { AMR_VOICE, photoJpeg, photoPng } from '../../helpers/media-files';

jest.setTimeout(60_000);

const crypto = new WeChatCrypto(vectorA);
const MEMBER = 'LiHua';
let nonces = 0;

const inner = (msgId: string, fields: string) =>
  `<xml><ToUserName><![CDATA[${vectorA.receiveId}]]></ToUserName><FromUserName><![CDATA[${MEMBER}]]></FromUserName><CreateTime>1700000000</CreateTime>${fields}<MsgId>${msgId}</MsgId><AgentID>1000002</AgentID></xml>`;

/** One signed POST of WeCom; sending the same object twice is exactly WeCom's retry. */
function delivery(xml: string) {
  const encrypt = crypto.encrypt(xml);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = `m${Date.now()}x${nonces++}`;
  return {
    method: 'POST' as const,
    url: `/webhooks/wecom?msg_signature=${crypto.sign(timestamp, nonce, encrypt)}&timestamp=${timestamp}&nonce=${nonce}`,
    headers: { 'content-type': 'text/xml' },
    payload: `<xml><ToUserName><![CDATA[${vectorA.receiveId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
  };
}

describe('WeCom pictures and voice', () => {
  let platform: FakeWeChatPlatform;
  let running: ChannelService;
  const inject = (request: object) => running.service.app.inject(request as never);

  beforeAll(async () => {
    platform = new FakeWeChatPlatform('/cgi-bin/gettoken', '/cgi-bin/message/send');
    running = await startChannelService('wecom_media', {
      WECOM_CORP_ID: vectorA.receiveId, WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'corp-secret-value', WECOM_TOKEN: vectorA.token, WECOM_AES_KEY: vectorA.encodingAesKey,
      WECOM_API_BASE: await platform.start(), ASSIGNMENT_MODE: 'manual',
    });
  });

  afterAll(async () => {
    await running?.close();
    await platform?.close();
  });

  it('a picture and a voice message arrive through the media API, are stored once, and the console shows them', async () => {
    const photo = await photoJpeg(400, 300);
    platform.media.set('MEDIA_IMG_1', { data: photo, contentType: 'image/jpeg' });
    platform.media.set('MEDIA_VOICE_1', { data: AMR_VOICE, contentType: 'audio/amr' });
    const image = delivery(inner('8100000001', '<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[https://wework.qpic.cn/x]]></PicUrl><MediaId><![CDATA[MEDIA_IMG_1]]></MediaId>'));
    expect((await inject(image)).statusCode).toBe(200);
    // WeCom's retry (the same request again) is stored once and downloads nothing more.
    expect((await inject(image)).statusCode).toBe(200);
    const voice = delivery(inner('8100000002', '<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[MEDIA_VOICE_1]]></MediaId><Format><![CDATA[amr]]></Format>'));
    expect((await inject(voice)).statusCode).toBe(200);

    const stored = await Message.find({ channel: 'wecom', direction: 'in' }).sort({ _id: 1 }).lean();
    expect(stored.map((m) => m.channelMessageId)).toEqual(['8100000001', '8100000002']);
    expect(stored[0].attachments).toEqual([expect.objectContaining({ kind: 'image', mime: 'image/jpeg', size: photo.length })]);
    expect(stored[1].attachments).toEqual([expect.objectContaining({ kind: 'voice', mime: 'audio/amr', name: 'voice.amr' })]);
    expect(platform.downloads.map((c) => c.query.media_id)).toEqual(['MEDIA_IMG_1', 'MEDIA_VOICE_1']);
    expect(await MediaFile.countDocuments({ key: /^wecom:/ })).toBe(2);

    const cookie = await managerCookie(running.service.app);
    const shown = (await consoleTranscript(running.service.app, cookie, String(stored[0].conversation))).filter((m) => m.author === 'customer');
    expect(shown.map((m) => m.attachments?.[0].kind)).toEqual(['image', 'voice']);
    const file = await consoleFile(running.service.app, cookie, shown[0].attachments![0].url!);
    expect([file.status, file.type, Buffer.compare(file.data, photo)]).toEqual([200, 'image/jpeg', 0]);
  });

  it('an expired media id is kept as a picture that could not be fetched', async () => {
    const res = await inject(delivery(inner('8100000003', '<MsgType><![CDATA[image]]></MsgType><MediaId><![CDATA[EXPIRED]]></MediaId>')));
    expect(res.statusCode).toBe(200);
    const stored = await eventually(() => Message.findOne({ channel: 'wecom', channelMessageId: '8100000003' }).lean(), 'the message');
    expect(stored.attachments).toEqual([{ kind: 'image', error: 'unavailable' }]);
  });

  it("an agent's picture is uploaded to media/upload and sent as an image; a refused upload is recorded on the message", async () => {
    const cookie = await onlineAgent(running.service.app);
    expect((await inject(delivery(inner('8100000004', '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[转人工]]></Content>')))).statusCode).toBe(200);
    const conversation = await eventually(() => Conversation.findOne({ channel: 'wecom', externalUserId: MEMBER, status: 'waiting' }).lean(), 'the hand-off');
    await claim(running.service.app, cookie, String(conversation._id));
    const picture = await photoPng(200, 120);
    const sent = await agentSendsPicture(running.service.app, cookie, String(conversation._id), picture);

    const send = await eventually(() => platform.sendCalls.find((c) => (c.body as { msgtype?: string }).msgtype === 'image'), 'the image message');
    const [upload] = await uploadedFiles(platform.uploads[0]);
    expect(platform.uploads[0].query.type).toBe('image');
    expect([upload.field, upload.name, Buffer.compare(upload.data, picture)]).toEqual(['media', 'guide.png', 0]);
    expect(send.body).toEqual({ touser: MEMBER, msgtype: 'image', agentid: 1000002, image: { media_id: 'uploaded-1' } });
    // The agent's name goes first, as a text.
    expect(platform.sendCalls.some((c) => (c.body as { text?: { content: string } }).text?.content.startsWith('王小明'))).toBe(true);
    await eventually(async () => (await Message.findById(sent.id).lean())?.delivery?.state === 'sent', 'delivered');

    platform.uploadErrcodes.push(40005);
    const refused = await agentSendsPicture(running.service.app, cookie, String(conversation._id), picture, 'again.png');
    const failed = await eventually(async () => {
      const m = await Message.findById(refused.id).lean();
      return m?.delivery?.state === 'failed' ? m : undefined;
    }, 'the failure');
    expect(failed.delivery?.error).toContain('40005');
  });
});
