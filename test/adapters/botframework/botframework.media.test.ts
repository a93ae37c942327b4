import { Conversation } from '../../../src/domain/conversation/conversation.model';
import { MediaFile } from '../../../src/domain/media/media-file.model';
import { Message } from '../../../src/domain/message/message.model';
import { FakeHttpServer, type RecordedCall } from '../helpers/fake-http-server';
import { eventually, startChannelService, type ChannelService } from '../helpers/channel-service';
import { agentSendsPicture, claim, consoleFile, consoleTranscript, managerCookie, onlineAgent } from '../helpers/console-view';
import { OGG_VOICE, photoJpeg, photoPng } from '../../helpers/media-files';

jest.setTimeout(60_000);

type Posted = { type: string; text?: string; attachments?: { contentType: string; contentUrl: string; name?: string }[] };

let activityId = 1;
function activity(serviceUrl: string, extra: Record<string, unknown>) {
  return {
    type: 'message', id: `media-${activityId++}`, channelId: 'webchat', serviceUrl, timestamp: new Date().toISOString(),
    from: { id: 'user-bf', name: 'Alice' }, recipient: { id: 'kefu-bot', name: 'kefu' }, conversation: { id: 'conv-media' }, locale: 'zh-CN', ...extra,
  };
}

describe('Bot Framework attachments', () => {
  let connector: FakeHttpServer;
  let serviceUrl: string;
  let running: ChannelService;
  let photo: Buffer;
  const post = (body: unknown) => running.service.app.inject({ method: 'POST', url: '/api/messages', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const replies = () => connector.calls.filter((c: RecordedCall) => c.path.startsWith('/v3/conversations/conv-media/activities')).map((c) => c.body as Posted);

  beforeAll(async () => {
    photo = await photoJpeg(320, 200);
    // The channel's connector (replies) and its attachment store (contentUrl).
    connector = new FakeHttpServer((call) => (call.path === '/attachments/vase.jpg' ? { binary: photo, contentType: 'image/jpeg' } : { body: { id: `reply-${connector.calls.length}` } }));
    serviceUrl = `${await connector.start()}/`;
    running = await startChannelService('botframework_media', { BOTFRAMEWORK_ENABLED: 'true', ASSIGNMENT_MODE: 'manual' });
  });

  afterAll(async () => {
    await running?.close();
    await connector?.close();
  });

  it('a picture (by its contentUrl) and a voice message (a data: URL) are stored once and shown in the console', async () => {
    const image = activity(serviceUrl, { text: '', attachments: [{ contentType: 'image/jpeg', contentUrl: `${serviceUrl}attachments/vase.jpg`, name: 'vase.jpg' }] });
    expect((await post(image)).statusCode).toBe(200);
    expect((await post(image)).statusCode).toBe(200);
    const voice = activity(serviceUrl, { attachments: [{ contentType: 'audio/ogg', contentUrl: `data:audio/ogg;base64,${OGG_VOICE.toString('base64')}`, name: 'voice.ogg' }] });
    expect((await post(voice)).statusCode).toBe(200);

    const stored = await Message.find({ channel: 'botframework', direction: 'in' }).sort({ _id: 1 }).lean();
    expect(stored).toHaveLength(2);
    expect(stored[0].attachments).toEqual([expect.objectContaining({ kind: 'image', name: 'vase.jpg', mime: 'image/jpeg', size: photo.length })]);
    expect(stored[1].attachments).toEqual([expect.objectContaining({ kind: 'voice', mime: 'audio/ogg' })]);
    expect(connector.callsTo('/attachments/vase.jpg')).toHaveLength(1);
    expect(await MediaFile.countDocuments({ key: /^botframework:/ })).toBe(2);

    const cookie = await managerCookie(running.service.app);
    const shown = (await consoleTranscript(running.service.app, cookie, String(stored[0].conversation))).filter((m) => m.author === 'customer');
    expect(shown.map((m) => m.attachments?.[0].kind)).toEqual(['image', 'voice']);
    const file = await consoleFile(running.service.app, cookie, shown[0].attachments![0].url!);
    expect([file.status, Buffer.compare(file.data, photo)]).toEqual([200, 0]);
  });

  it("an agent's picture goes out as an attachment of the activity", async () => {
    const cookie = await onlineAgent(running.service.app);
    expect((await post(activity(serviceUrl, { text: '转人工' }))).statusCode).toBe(200);
    const conversation = await eventually(() => Conversation.findOne({ channel: 'botframework', conversationKey: 'conv-media', status: 'waiting' }).lean(), 'the hand-off');
    await claim(running.service.app, cookie, String(conversation._id));
    const picture = await photoPng(150, 100);
    const sent = await agentSendsPicture(running.service.app, cookie, String(conversation._id), picture, 'guide.png', '请参考');
    const reply = await eventually(() => replies().find((a) => a.attachments?.length), 'the activity with the picture');
    expect(reply.text).toMatch(/^王小明（工号 \d+）\n请参考$/);
    expect(reply.attachments).toEqual([{ contentType: 'image/png', contentUrl: `data:image/png;base64,${picture.toString('base64')}`, name: 'guide.png' }]);
    await eventually(async () => (await Message.findById(sent.id).lean())?.delivery?.state === 'sent', 'delivered');
  });
});
