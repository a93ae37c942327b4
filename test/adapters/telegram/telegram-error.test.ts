import { Telegraf, TelegramError } from 'telegraf';
import { ChannelError } from '../../../src/errors';
import { SendQueue } from '../../../adapters/shared/send-queue';
import { toTelegramChannelError } from '../../../adapters/telegram/telegram-error';
import { renderTelegram } from '../../../adapters/telegram/telegram.render';
import { FakeClock } from '../helpers/fake-clock';
import { FakeHttpServer } from '../helpers/fake-http-server';

describe('toTelegramChannelError', () => {
  it('maps 429 with retry_after to a retryable error that asks to wait', () => {
    const error = toTelegramChannelError(new TelegramError({ error_code: 429, description: 'Too Many Requests: retry after 5', parameters: { retry_after: 5 } }));
    expect(error).toMatchObject({ platform: 'telegram', platformCode: 429, retryable: true, retryAfterMs: 5000 });
  });

  it('keeps 403 and 400 final and 5xx retryable', () => {
    expect(toTelegramChannelError(new TelegramError({ error_code: 403, description: 'Forbidden: bot was blocked by the user' }))).toMatchObject({ retryable: false });
    expect(toTelegramChannelError(new TelegramError({ error_code: 400, description: 'Bad Request: chat not found' }))).toMatchObject({ retryable: false });
    expect(toTelegramChannelError(new TelegramError({ error_code: 502, description: 'Bad Gateway' }))).toMatchObject({ retryable: true });
  });

  it('treats network failures as retryable and programming errors as final', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(toTelegramChannelError(reset)).toMatchObject({ retryable: true, platformCode: 'ECONNRESET' });
    expect(toTelegramChannelError(new TypeError('x is undefined'))).toMatchObject({ retryable: false });
    const already = new ChannelError('telegram', 'x', { retryable: true });
    expect(toTelegramChannelError(already)).toBe(already);
  });
});

describe('sending through telegraf to a fake Bot API', () => {
  let server: FakeHttpServer;
  let bot: Telegraf;
  let answers: Array<{ status: number; body: unknown }>;

  beforeEach(async () => {
    answers = [];
    server = new FakeHttpServer(() => answers.shift() ?? { body: { ok: true, result: { message_id: 1, date: 0, chat: { id: 42, type: 'private' } } } });
    bot = new Telegraf('123:TEST', { telegram: { apiRoot: await server.start() } });
  });

  afterEach(() => server.close());

  it('waits out a 429 retry_after, then sends the rendered message once more, in order', async () => {
    answers.push({ status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } } });
    const clock = new FakeClock();
    const queue = new SendQueue({ sleep: clock.sleep, now: clock.now, baseDelayMs: 10 });
    const calls = renderTelegram(42, { author: 'bot', text: '请选择', quickReplies: [{ label: '下单', value: 'order' }] });
    await queue.sendAll(
      '42',
      calls.map((params) => () => bot.telegram.callApi('sendMessage', params).catch((error: unknown) => Promise.reject(toTelegramChannelError(error)))),
    );
    expect(server.calls.map((call) => call.path)).toEqual(['/bot123:TEST/sendMessage', '/bot123:TEST/sendMessage']);
    expect(server.calls[1].body).toMatchObject({ chat_id: 42, text: '请选择', reply_markup: { inline_keyboard: [[{ text: '下单', callback_data: 'v:order' }]] } });
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(3000);
  });
});
