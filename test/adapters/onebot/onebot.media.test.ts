import { signOneBotBody } from '../../../adapters/onebot/signature';
import { Conversation } from '../../../src/domain/conversation/conversation.model';
import { MediaFile } from '../../../src/domain/media/media-file.model';
import { Message } from '../../../src/domain/message/message.model';
import { FakeHttpServer, type RecordedCall } from '../helpers/fake-http-server';
import { eventually, startChannelService, type ChannelService } from '../helpers/channel-service';
import { agentSendsPicture, claim, consoleFile, consoleTranscript, managerCookie, onlineAgent } from '../helpers/console-view';
import { photoJpeg, photoPng } from '../../helpers/media-files';

jest.setTimeout(60_000);

const SECRET = 'onebot-secret';
const TOKEN = 'api-access-token';
const SELF_ID = 10001000;
const USER = 23456789;
/** An MP3 frame header: what get_record answers when asked for out_format mp3. */
const MP3 = Buffer.concat([Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.alloc(400, 0x55)]);

describe('QQ (OneBot) pictures and voice', () => {
  let api: FakeHttpServer;
  let running: ChannelService;
  let photo: Buffer;
  let apiBase = '';

  const post = (event: Record<string, unknown>) => {
    const payload = JSON.stringify({ self_id: SELF_ID, post_type: 'message', message_type: 'private', sub_type: 'friend', user_id: USER, font: 0, ...event });
    return running.service.app.inject({ method: 'POST', url: '/webhooks/onebot', headers: { 'content-type': 'application/json', 'x-self-id': String(SELF_ID), 'x-signature': signOneBotBody(SECRET, payload) }, payload });
  };

  beforeAll(async () => {
    photo = await photoJpeg(300, 200);
    // The implementation's HTTP API: the picture at a URL, voice converted to MP3 by get_record, sends answered ok.
    api = new FakeHttpServer((call: RecordedCall) => {
      if (call.path === '/images/vase.jpg') return { binary: photo, contentType: 'image/jpeg' };
      if (call.path === '/get_record') return { body: { status: 'ok', retcode: 0, data: { file: '/data/voice.mp3', base64: MP3.toString('base64') } } };
      return { body: { status: 'ok', retcode: 0, data: { message_id: 77 } } };
    });
    apiBase = await api.start();
    running = await startChannelService('onebot_media', { ONEBOT_SECRET: SECRET, ONEBOT_ACCESS_TOKEN: TOKEN, ONEBOT_API_BASE: apiBase, ASSIGNMENT_MODE: 'manual' });
  });

  afterAll(async () => {
    await running?.close();
    await api?.close();
  });

  it('an image segment (by its URL) and a record segment (as MP3 through get_record) are stored once and shown in the console', async () => {
    const image = { time: 1700000100, message_id: 501, message: [{ type: 'image', data: { file: 'vase.jpg', url: `${apiBase}/images/vase.jpg` } }] };
    expect((await post(image)).statusCode).toBe(204);
    // go-cqhttp posts again after a timeout: stored and downloaded once.
    expect((await post(image)).statusCode).toBe(204);
    expect((await post({ time: 1700000101, message_id: 502, message: '[CQ:record,file=abc.silk,url=]' })).statusCode).toBe(204);

    const stored = await Message.find({ channel: 'onebot', direction: 'in' }).sort({ _id: 1 }).lean();
    expect(stored.map((m) => m.channelMessageId)).toEqual([`${SELF_ID}:501:1700000100`, `${SELF_ID}:502:1700000101`]);
    expect(stored[0].attachments).toEqual([expect.objectContaining({ kind: 'image', mime: 'image/jpeg', size: photo.length })]);
    expect(stored[1].attachments).toEqual([expect.objectContaining({ kind: 'voice', mime: 'audio/mpeg' })]);
    expect(api.callsTo('/images/vase.jpg')).toHaveLength(1);
    expect(api.callsTo('/get_record')[0].body).toEqual({ file: 'abc.silk', out_format: 'mp3' });
    expect(await MediaFile.countDocuments({ key: /^onebot:/ })).toBe(2);

    const cookie = await managerCookie(running.service.app);
    const shown = (await consoleTranscript(running.service.app, cookie, String(stored[0].conversation))).filter((m) => m.author === 'customer');
    expect(shown.map((m) => m.attachments?.[0].kind)).toEqual(['image', 'voice']);
    const voice = await consoleFile(running.service.app, cookie, shown[1].attachments![0].url!);
    expect([voice.status, voice.type, Buffer.compare(voice.data, MP3)]).toEqual([200, 'audio/mpeg', 0]);
  });

  it("an agent's picture goes out as an image segment", async () => {
    const cookie = await onlineAgent(running.service.app);
    expect((await post({ time: 1700000200, message_id: 503, message: '转人工' })).statusCode).toBe(204);
    const conversation = await eventually(() => Conversation.findOne({ channel: 'onebot', externalUserId: String(USER), status: 'waiting' }).lean(), 'the hand-off');
    await claim(running.service.app, cookie, String(conversation._id));
    const picture = await photoPng(160, 100);
    const sent = await agentSendsPicture(running.service.app, cookie, String(conversation._id), picture);

    const call = await eventually(() => api.callsTo('/send_private_msg').find((c) => Array.isArray((c.body as { message: unknown }).message)), 'the image send');
    expect(call.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call.body).toEqual({ user_id: USER, message: [{ type: 'image', data: { file: `base64://${picture.toString('base64')}` } }] });
    await eventually(async () => (await Message.findById(sent.id).lean())?.delivery?.state === 'sent', 'delivered');
  });
});
