import { FileBox } from 'file-box';
import type { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { WechatyAdapter } from '../../../adapters/wechaty/wechaty.adapter';
import { Conversation } from '../../../src/domain/conversation/conversation.model';
import { MediaFile } from '../../../src/domain/media/media-file.model';
import { Message } from '../../../src/domain/message/message.model';
import { eventually, startChannelService, type ChannelService } from '../helpers/channel-service';
import { agentSendsPicture, claim, consoleFile, consoleTranscript, managerCookie, onlineAgent } from '../helpers/console-view';
import { photoJpeg, photoPng } from '../../helpers/media-files';

jest.setTimeout(90_000);

/** A SILK voice message (personal WeChat's and QQ's voice format). */
const SILK = Buffer.concat([Buffer.from('\x02#!SILK_V3', 'latin1'), Buffer.alloc(300, 0x21)]);
const IMAGE = 6;

describe('personal WeChat (wechaty) pictures and voice', () => {
  let running: ChannelService;
  let puppet: PuppetMock;
  let botContact: mock.ContactMock;
  let customer: mock.ContactMock;
  /** What the bot sent the customer (the mock's message payloads). */
  const toCustomer: mock.MessageMock[] = [];

  beforeAll(async () => {
    running = await startChannelService('wechaty_media', { WECHATY_ENABLED: 'true', WECHATY_PUPPET: 'wechaty-puppet-mock', ASSIGNMENT_MODE: 'manual' });
    const adapter = running.service.adapters.get('wechaty') as WechatyAdapter;
    puppet = adapter.bot?.puppet as PuppetMock;
    [botContact, customer] = puppet.mocker.createContacts(2);
    puppet.mocker.login(botContact);
    await eventually(() => adapter.status().connected, 'the login');
    customer.on('message', (m) => {
      const p = m.payload as { talkerId?: string; fromId?: string };
      if ((p.talkerId ?? p.fromId) === botContact.id) toCustomer.push(m);
    });
  });

  afterAll(() => running?.close());

  it('a picture and a voice message arrive as FileBoxes, are stored once, and the console shows them', async () => {
    const photo = await photoJpeg(300, 200);
    customer.say(FileBox.fromBase64(photo.toString('base64'), '花瓶.jpg')).to(botContact);
    const stored = await eventually(() => Message.findOne({ channel: 'wechaty', direction: 'in', 'attachments.kind': 'image' }).lean(), 'the picture');
    expect(stored.attachments).toEqual([expect.objectContaining({ kind: 'image', name: '花瓶.jpg', mime: 'image/jpeg', size: photo.length })]);
    expect(stored.text).toBe('');
    // The puppet announces the same message again (a reconnection): it is stored once.
    puppet.emit('message', { messageId: stored.channelMessageId });
    // The mock types a message by the FileBox's media type, which file-box does not know for SILK: set it as a real puppet would.
    const voiceBox = FileBox.fromBase64(SILK.toString('base64'), 'voice.silk');
    (voiceBox as unknown as { _mediaType: string })._mediaType = 'audio/silk';
    customer.say(voiceBox).to(botContact);
    const voice = await eventually(() => Message.findOne({ channel: 'wechaty', direction: 'in', 'attachments.kind': 'voice' }).lean(), 'the voice');
    expect(voice.attachments).toEqual([expect.objectContaining({ kind: 'voice', mime: 'audio/silk' })]);
    expect(await Message.countDocuments({ channel: 'wechaty', direction: 'in' })).toBe(2);
    expect(await MediaFile.countDocuments({ key: /^wechaty:/ })).toBe(2);

    const cookie = await managerCookie(running.service.app);
    const shown = (await consoleTranscript(running.service.app, cookie, String(stored.conversation))).filter((m) => m.author === 'customer');
    expect(shown.map((m) => m.attachments?.[0].kind)).toEqual(['image', 'voice']);
    const file = await consoleFile(running.service.app, cookie, shown[0].attachments![0].url!);
    expect([file.status, Buffer.compare(file.data, photo)]).toEqual([200, 0]);
  });

  it("an agent's picture reaches the customer as a FileBox", async () => {
    const cookie = await onlineAgent(running.service.app);
    customer.say('转人工').to(botContact);
    const conversation = await eventually(() => Conversation.findOne({ channel: 'wechaty', externalUserId: customer.id, status: 'waiting' }).lean(), 'the hand-off');
    await claim(running.service.app, cookie, String(conversation._id));
    const picture = await photoPng(120, 90);
    const sent = await agentSendsPicture(running.service.app, cookie, String(conversation._id), picture, 'guide.png');
    const image = await eventually(() => toCustomer.find((m) => (m.payload as { type?: number }).type === IMAGE), 'the picture at the customer');
    const box = puppet.mocker.cacheFileBoxPayload.get(image.id) as { base64?: string; name?: string } | undefined;
    expect(box?.name).toBe('guide.png');
    expect(Buffer.compare(Buffer.from(box?.base64 ?? '', 'base64'), picture)).toBe(0);
    await eventually(async () => (await Message.findById(sent.id).lean())?.delivery?.state === 'sent', 'delivered');
  });
});
