import type { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { WechatyAdapter } from '../../../adapters/wechaty/wechaty.adapter';
import { Message } from '../../../src/domain/message/message.model';
import { eventually, startChannelService, type ChannelService } from '../helpers/channel-service';

jest.setTimeout(90_000);

type Said = { text: string; roomId?: string };

describe('wechaty adapter with wechaty-puppet-mock in the running service', () => {
  let running: ChannelService;
  let mocker: mock.Mocker;
  let botContact: mock.ContactMock;
  let customer: mock.ContactMock;
  let other: mock.ContactMock;
  let room: mock.RoomMock;
  /** What the bot said, as the customer's and the room's mock see it. */
  const said: Said[] = [];
  let qrWhileWaiting: Record<string, unknown> = {};

  beforeAll(async () => {
    running = await startChannelService('wechaty_adapter', { WECHATY_ENABLED: 'true', WECHATY_PUPPET: 'wechaty-puppet-mock' });
    const adapter = running.service.adapters.get('wechaty') as WechatyAdapter;
    mocker = (adapter.bot?.puppet as PuppetMock).mocker;
    mocker.scan('https://login.weixin.qq.com/l/kefu-test', 2);
    qrWhileWaiting = await eventually(() => adapter.status().details?.loginQrCode && adapter.status().details, 'the QR code in the status');
    [botContact, customer, other] = mocker.createContacts(3);
    mocker.login(botContact);
    await eventually(() => adapter.status().connected, 'the login');
    room = mocker.createRoom({ topic: '客户群', memberIdList: [botContact.id, customer.id, other.id] });
    const record = (message: mock.MessageMock) => {
      const p = message.payload as { talkerId?: string; fromId?: string; roomId?: string; text?: string };
      if ((p.talkerId ?? p.fromId) === botContact.id) said.push({ text: p.text ?? '', roomId: p.roomId || undefined });
    };
    customer.on('message', record);
    room.on('message', record);
  });

  afterAll(() => running?.close());

  it('shows the login QR code to admins until logged in, then who it is', async () => {
    expect(qrWhileWaiting).toMatchObject({ loginQrCode: 'https://login.weixin.qq.com/l/kefu-test', loginQrCodeUrl: expect.stringMatching(/^https:\/\/.+kefu-test/) });
    const status = running.service.adapters.get('wechaty')?.status();
    expect(status).toMatchObject({ channel: 'wechaty', connected: true, details: { loggedInAs: { id: botContact.id } } });
    expect(status?.details?.loginQrCode).toBeUndefined();
  });

  it('answers a private chat', async () => {
    customer.say('你好').to(botContact);
    const reply = await eventually(() => said.find((s) => s.roomId === undefined), 'the private reply');
    expect(reply.text).toMatch(/安心家政/);
    const stored = await Message.find({ channel: 'wechaty', direction: 'in' }).lean();
    expect(stored.map((m) => m.text)).toEqual(['你好']);
  });

  it('ignores room messages that do not mention the bot, and its own messages', async () => {
    const before = await Message.countDocuments({ channel: 'wechaty', direction: 'in' });
    customer.say('大家好，今天天气不错').to(room);
    botContact.say('我自己说的话').to(customer);
    // A mention that follows proves the earlier messages were seen and skipped, not still queued.
    other.say(`@${botContact.payload.name} 在吗`, [botContact]).to(room);
    await eventually(() => said.find((s) => s.roomId === room.id), 'the reply to the mention');
    const texts = (await Message.find({ channel: 'wechaty', direction: 'in' }).sort({ _id: 1 }).lean()).map((m) => m.text);
    expect(texts.slice(before)).toEqual([expect.stringContaining('在吗')]);
  });

  it('answers a room message that mentions the bot, in the room and mentioning the customer', async () => {
    const saidBefore = said.length;
    customer.say(`@${botContact.payload.name} 我想预约保洁`, [botContact]).to(room);
    // wechaty mentions by writing "@name " before the text.
    const reply = await eventually(() => said.slice(saidBefore).find((s) => s.roomId === room.id && s.text.startsWith(`@${customer.payload.name}`)), 'the reply in the room');
    expect(reply.text.length).toBeGreaterThan(customer.payload.name.length + 2);
    const stored = await Message.findOne({ channel: 'wechaty', direction: 'in', text: /预约保洁/ }).lean();
    expect(stored?.text).toBe('我想预约保洁');
  });
});
