import { Conversation } from '../../../src/domain/conversation/conversation.model';
import { MediaFile } from '../../../src/domain/media/media-file.model';
import { Message } from '../../../src/domain/message/message.model';
import { FakeHttpServer, uploadedFiles, type FakeResponse, type RecordedCall } from '../helpers/fake-http-server';
import { eventually, startChannelService, type ChannelService } from '../helpers/channel-service';
import { agentSendsPicture, claim, consoleFile, consoleTranscript, managerCookie, onlineAgent } from '../helpers/console-view';
import { OGG_VOICE, photoJpeg, photoPng } from '../../helpers/media-files';

jest.setTimeout(60_000);

const TOKEN = '123:TEST';
const SECRET = 'media-secret_1';
const BOT = { id: 123, is_bot: true, first_name: 'Kefu', username: 'kefu_bot' };
const USER = 4242;

/** A fake Bot API with files: getFile gives a file_path, /file/bot<token>/<path> the bytes; sendPhoto and sendDocument take uploads. */
class FakeBotApi {
  readonly server = new FakeHttpServer((call) => this.answer(call));
  readonly files = new Map<string, Buffer>();
  private nextId = 1;

  calls(method: string): RecordedCall[] {
    return this.server.callsTo(`/bot${TOKEN}/${method}`);
  }

  private answer(call: RecordedCall): FakeResponse {
    if (call.path.startsWith(`/file/bot${TOKEN}/`)) {
      const data = this.files.get(call.path.slice(`/file/bot${TOKEN}/`.length));
      return data ? { binary: data } : { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
    }
    const method = call.path.slice(`/bot${TOKEN}/`.length);
    if (method === 'getMe') return { body: { ok: true, result: BOT } };
    if (method === 'getFile') {
      const fileId = (call.body as { file_id: string }).file_id;
      return { body: { ok: true, result: { file_id: fileId, file_unique_id: `u-${fileId}`, file_path: `files/${fileId}.bin` } } };
    }
    if (['sendMessage', 'sendPhoto', 'sendDocument'].includes(method)) {
      return { body: { ok: true, result: { message_id: this.nextId++, date: 1700000000, chat: { id: USER, type: 'private' } } } };
    }
    return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
  }
}

const update = (id: number, message: Record<string, unknown>) => ({
  update_id: 700 + id,
  message: { message_id: id, date: 1700000000, chat: { id: USER, type: 'private' }, from: { id: USER, is_bot: false, first_name: '李', language_code: 'zh-hans' }, ...message },
});

describe('Telegram photos, documents and voice', () => {
  let api: FakeBotApi;
  let running: ChannelService;
  const deliver = (body: unknown) =>
    running.service.app.inject({ method: 'POST', url: '/webhooks/telegram', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, payload: JSON.stringify(body) });

  beforeAll(async () => {
    api = new FakeBotApi();
    running = await startChannelService('telegram_media', { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: await api.server.start(), ASSIGNMENT_MODE: 'manual' });
  });

  afterAll(async () => {
    await running?.close();
    await api?.server.close();
  });

  it('a photo (its largest size) and a voice message arrive through getFile, are stored once, and the console shows them', async () => {
    const small = await photoJpeg(90, 60);
    const large = await photoJpeg(800, 600);
    api.files.set('files/PHOTO_S.bin', small);
    api.files.set('files/PHOTO_L.bin', large);
    api.files.set('files/VOICE_1.bin', OGG_VOICE);
    const photo = update(1, { caption: '包装破了', photo: [{ file_id: 'PHOTO_S', file_unique_id: 's', width: 90, height: 60, file_size: small.length }, { file_id: 'PHOTO_L', file_unique_id: 'l', width: 800, height: 600, file_size: large.length }] });
    expect((await deliver(photo)).statusCode).toBe(200);
    // Telegram redelivers an update it got no answer for: stored once, fetched once.
    expect((await deliver(photo)).statusCode).toBe(200);
    expect((await deliver(update(2, { voice: { file_id: 'VOICE_1', file_unique_id: 'v', duration: 4, mime_type: 'audio/ogg', file_size: OGG_VOICE.length } }))).statusCode).toBe(200);

    const stored = await eventually(async () => {
      const list = await Message.find({ channel: 'telegram', direction: 'in' }).sort({ _id: 1 }).lean();
      return list.length === 2 ? list : undefined;
    }, 'both messages');
    expect(stored[0]).toEqual(expect.objectContaining({ text: '包装破了', attachments: [expect.objectContaining({ kind: 'image', mime: 'image/jpeg', size: large.length })] }));
    expect(stored[1].attachments).toEqual([expect.objectContaining({ kind: 'voice', mime: 'audio/ogg', duration: 4 })]);
    expect(api.calls('getFile').map((c) => (c.body as { file_id: string }).file_id)).toEqual(['PHOTO_L', 'VOICE_1']);
    expect(await MediaFile.countDocuments({ key: /^telegram:/ })).toBe(2);

    const cookie = await managerCookie(running.service.app);
    const shown = (await consoleTranscript(running.service.app, cookie, String(stored[0].conversation))).filter((m) => m.author === 'customer');
    expect(shown.map((m) => m.attachments?.[0].kind)).toEqual(['image', 'voice']);
    const file = await consoleFile(running.service.app, cookie, shown[0].attachments![0].url!);
    expect([file.status, Buffer.compare(file.data, large)]).toEqual([200, 0]);
  });

  it("an agent's picture goes out with sendPhoto, their name and words as its caption", async () => {
    const cookie = await onlineAgent(running.service.app);
    expect((await deliver(update(3, { text: '转人工' }))).statusCode).toBe(200);
    const conversation = await eventually(() => Conversation.findOne({ channel: 'telegram', conversationKey: String(USER), status: 'waiting' }).lean(), 'the hand-off');
    await claim(running.service.app, cookie, String(conversation._id));
    const picture = await photoPng(240, 160);
    const sent = await agentSendsPicture(running.service.app, cookie, String(conversation._id), picture, 'guide.png', '这样包装就不会破了');

    const call = await eventually(() => api.calls('sendPhoto')[0], 'sendPhoto');
    const parts = await new Response(new Uint8Array(call.raw), { headers: { 'content-type': String(call.headers['content-type']) } }).formData();
    expect(parts.get('chat_id')).toBe(String(USER));
    expect(String(parts.get('caption'))).toMatch(/^王小明（工号 \d+）\n这样包装就不会破了$/);
    const [photo] = await uploadedFiles(call);
    expect([photo.field, Buffer.compare(photo.data, picture)]).toEqual(['photo', 0]);
    await eventually(async () => (await Message.findById(sent.id).lean())?.delivery?.state === 'sent', 'delivered');
  });
});
