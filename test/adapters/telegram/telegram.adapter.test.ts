import { Conversation } from '../../../src/domain/conversation/conversation.model';
import { Message } from '../../../src/domain/message/message.model';
import { FakeHttpServer, type FakeResponse, type RecordedCall } from '../helpers/fake-http-server';
import { eventually, settledRepliesTo, startChannelService, type ChannelService } from '../helpers/channel-service';

jest.setTimeout(60_000);

const TOKEN = '123:TEST';
const SECRET = 'webhook-secret_1';
const BOT = { id: 123, is_bot: true, first_name: 'Kefu', username: 'kefu_bot' };

/** A fake Bot API: getMe, sendMessage (scripted failures first), answerCallbackQuery. */
class FakeBotApi {
  readonly server: FakeHttpServer;
  readonly sendFailures: FakeResponse[] = [];
  readonly sendTimes: number[] = [];
  private nextId = 1000;

  constructor() {
    this.server = new FakeHttpServer((call) => this.answer(call));
  }

  calls(method: string): RecordedCall[] {
    return this.server.callsTo(`/bot${TOKEN}/${method}`);
  }

  private answer(call: RecordedCall): FakeResponse {
    const method = call.path.slice(`/bot${TOKEN}/`.length);
    if (method === 'getMe') return { body: { ok: true, result: BOT } };
    if (method === 'answerCallbackQuery') return { body: { ok: true, result: true } };
    if (method === 'sendMessage') {
      this.sendTimes.push(Date.now());
      const failure = this.sendFailures.shift();
      if (failure !== undefined) return failure;
      const body = call.body as { chat_id: number; text: string };
      return { body: { ok: true, result: { message_id: this.nextId++, date: 1700000000, chat: { id: body.chat_id, type: 'private' }, text: body.text } } };
    }
    return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
  }
}

let updateId = 500_000;
const privateChat = (userId: number) => ({ id: userId, type: 'private' });
const from = (userId: number, language = 'zh-hans') => ({ id: userId, is_bot: false, first_name: '小', last_name: '明', language_code: language });

function textUpdate(userId: number, messageId: number, text: string, extra: Record<string, unknown> = {}) {
  return { update_id: updateId++, message: { message_id: messageId, date: 1700000000, chat: privateChat(userId), from: from(userId), text, ...extra } };
}

describe('Telegram adapter in the running service', () => {
  let api: FakeBotApi;
  let running: ChannelService;

  beforeAll(async () => {
    api = new FakeBotApi();
    running = await startChannelService('telegram_adapter', { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: await api.server.start() });
  });

  afterAll(async () => {
    await running?.close();
    await api?.server.close();
  });

  const deliver = (update: unknown, secret: string | null = SECRET) =>
    running.service.app.inject({ method: 'POST', url: '/webhooks/telegram', headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) }, payload: JSON.stringify(update) });

  it('learns who it is with getMe at start', () => {
    expect(api.calls('getMe')).toHaveLength(1);
    expect(running.service.adapters.get('telegram')?.status()).toMatchObject({ connected: true, details: { bot: '@kefu_bot', mode: 'webhook' } });
  });

  it('stores an update with the right secret, and replies with the menu as an inline keyboard', async () => {
    const res = await deliver(textUpdate(7001, 1, '你好'));
    expect(res.statusCode).toBe(200);
    const replies = await settledRepliesTo('telegram', '7001:1');
    expect(replies.every((m) => m.delivery?.state === 'sent')).toBe(true);
    const sends = api.calls('sendMessage').filter((c) => (c.body as { chat_id: string }).chat_id === '7001');
    expect(sends.length).toBe(replies.length);
    const keyboard = sends.map((c) => (c.body as { reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] } }).reply_markup).find(Boolean);
    expect(keyboard?.inline_keyboard.flat()).toEqual(expect.arrayContaining([{ text: '转人工客服', callback_data: 'v:human' }]));
  });

  it('refuses a wrong or missing secret token with 403 and stores nothing', async () => {
    const before = await Message.countDocuments();
    expect((await deliver(textUpdate(7002, 1, '伪造'), 'wrong-secret')).statusCode).toBe(403);
    expect((await deliver(textUpdate(7002, 2, '伪造'), null)).statusCode).toBe(403);
    expect(await Message.countDocuments()).toBe(before);
  });

  it('refuses updates whose text, chat id or sender have the wrong type (400), storing and answering nothing', async () => {
    const before = await Message.countDocuments();
    const sendsBefore = api.calls('sendMessage').length;
    const message = (extra: Record<string, unknown>) => ({ update_id: updateId++, message: { message_id: 77, date: 1700000000, chat: privateChat(7010), from: from(7010), text: '你好', ...extra } });
    const cases: [string, unknown][] = [
      ['message.text', message({ text: { $gt: '' } })],
      ['message.chat.id', message({ chat: { id: { toString: '7010' }, type: 'private' } })],
      ['message.chat.id', message({ chat: { id: '7010', type: 'private' } })],
      ['message.from', message({ from: [7010] })],
      ['update_id', { update_id: 'x', message: message({}).message }],
      ['update', 'just text'],
    ];
    for (const [field, update] of cases) {
      const res = await deliver(update);
      expect([field, res.statusCode]).toEqual([field, 400]);
      expect(res.json().error.message).toContain(field === 'update' ? 'update:' : field);
    }
    expect(await Message.countDocuments()).toBe(before);
    expect(await Conversation.countDocuments({ conversationKey: '[object Object]' })).toBe(0);
    expect(api.calls('sendMessage').length).toBe(sendsBefore);
  });

  it('stores a redelivered update once', async () => {
    const update = textUpdate(7003, 5, '你好');
    const answers = await Promise.all([deliver(update), deliver(update), deliver(update)]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(await Message.countDocuments({ channel: 'telegram', channelMessageId: '7003:5' })).toBe(1);
    await settledRepliesTo('telegram', '7003:5');
  });

  it('takes a pressed button as the choice and stops its spinner', async () => {
    const query = { id: 'cbq-1', from: from(7001), chat_instance: 'x', data: 'v:human', message: { message_id: 1001, date: 1700000000, chat: privateChat(7001), from: { ...BOT }, text: '…', reply_markup: { inline_keyboard: [[{ text: '转人工客服', callback_data: 'v:human' }]] } } };
    expect((await deliver({ update_id: updateId++, callback_query: query })).statusCode).toBe(200);
    expect(await Message.findOne({ channel: 'telegram', channelMessageId: 'cb:cbq-1' }).lean()).toMatchObject({ choice: 'human', text: '转人工客服' });
    await eventually(() => api.calls('answerCallbackQuery').length === 1, 'answerCallbackQuery');
    await settledRepliesTo('telegram', 'cb:cbq-1');
  });

  it('ignores group messages that do not address the bot', async () => {
    const group = { id: -100200, type: 'supergroup' };
    await deliver({ update_id: updateId++, message: { message_id: 9, date: 1700000000, chat: group, from: from(7004), text: '大家好' } });
    await deliver({ update_id: updateId++, message: { message_id: 10, date: 1700000000, chat: group, from: from(7004), text: '@kefu_bot 你好' } });
    const stored = (await Message.find({ channel: 'telegram', direction: 'in' }).lean()).filter((m) => m.channelMessageId.startsWith('-100200:'));
    expect(stored.map((m) => [m.channelMessageId, m.text])).toEqual([['-100200:10', '你好']]);
    await settledRepliesTo('telegram', '-100200:10');
  });

  it('uses language_code as the locale hint', async () => {
    await deliver({ update_id: updateId++, message: { message_id: 1, date: 1700000000, chat: privateChat(7005), from: from(7005, 'en'), text: 'hi' } });
    await settledRepliesTo('telegram', '7005:1');
    expect(await Conversation.findOne({ channel: 'telegram', conversationKey: '7005' }).lean()).toMatchObject({ locale: 'en', replyContext: { locale: 'en' } });
  });

  it('waits retry_after on 429 and then delivers', async () => {
    api.sendFailures.push({ status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } } });
    const firstTry = api.sendTimes.length;
    await deliver(textUpdate(7006, 1, '你好'));
    const replies = await settledRepliesTo('telegram', '7006:1');
    expect(replies.every((m) => m.delivery?.state === 'sent')).toBe(true);
    const [refused, retried] = api.sendTimes.slice(firstTry);
    // retry_after is a lower bound set by the platform: the retry may not come sooner.
    expect(retried - refused).toBeGreaterThanOrEqual(1000);
    expect(api.calls('sendMessage').filter((c) => (c.body as { chat_id: string }).chat_id === '7006').length).toBe(replies.length + 1);
  });
});

describe('Telegram adapter with TELEGRAM_POLLING (development)', () => {
  let api: FakeHttpServer;
  let running: ChannelService;
  let served = false;

  beforeAll(async () => {
    // getUpdates hands out one update, then answers empty after a short wait, as a long poll would.
    api = new FakeHttpServer(async (call) => {
      const method = call.path.split('/').pop();
      if (method === 'getMe') return { body: { ok: true, result: BOT } };
      if (method === 'getUpdates') {
        if (!served) {
          served = true;
          return { body: { ok: true, result: [textUpdate(7100, 1, '你好')] } };
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
        return { body: { ok: true, result: [] } };
      }
      return { body: { ok: true, result: method === 'sendMessage' ? { message_id: 1, date: 1700000000, chat: { id: 7100, type: 'private' }, text: '' } : true } };
    });
    running = await startChannelService('telegram_polling', { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_POLLING: 'true', TELEGRAM_API_ROOT: await api.start() });
  });

  afterAll(async () => {
    await running?.close();
    await api?.close();
  });

  it('fetches updates itself (after dropping any webhook) and replies', async () => {
    const replies = await settledRepliesTo('telegram', '7100:1');
    expect(replies.every((m) => m.delivery?.state === 'sent')).toBe(true);
    expect(api.callsTo(`/bot${TOKEN}/deleteWebhook`)).toHaveLength(1);
    expect(running.service.adapters.get('telegram')?.status()).toMatchObject({ connected: true, details: { mode: 'polling' } });
  });
});
