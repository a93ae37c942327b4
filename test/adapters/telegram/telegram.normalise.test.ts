import { encodeCallbackData } from '../../../adapters/telegram/callback-data';
import { normaliseTelegramUpdate as normaliseChecked } from '../../../adapters/telegram/telegram.normalise';
import { telegramUpdate } from '../../../adapters/telegram/telegram.schema';

/** As the adapter does it: the Update is checked against its schema first. */
const normaliseTelegramUpdate = (update: unknown, me: { id: number; username: string }) => normaliseChecked(telegramUpdate.parse(update), me);

const bot = { id: 42, username: 'kefu_bot' };
const user = { id: 7, first_name: 'Li', language_code: 'zh-hant' };

describe('normaliseTelegramUpdate', () => {
  it('keys messages on chat and message id, not on update_id (which restarts after a quiet week)', () => {
    const a = normaliseTelegramUpdate({ update_id: 1, message: { message_id: 5, date: 1700000000, chat: { id: 7, type: 'private' }, from: user, text: '你好' } }, bot);
    const b = normaliseTelegramUpdate({ update_id: 999, message: { message_id: 5, date: 1700000000, chat: { id: 7, type: 'private' }, from: user, text: '你好' } }, bot);
    expect(a?.channelMessageId).toBe('7:5');
    expect(b?.channelMessageId).toBe(a?.channelMessageId);
    expect(a).toMatchObject({ externalUserId: '7', conversationKey: '7', localeHint: 'zh-hant', displayName: 'Li' });
  });

  it('reads a hashed button back by its label on the pressed keyboard', () => {
    const value = `flow:${'x'.repeat(80)}`;
    const data = encodeCallbackData(value);
    expect(data.startsWith('h:')).toBe(true);
    const msg = normaliseTelegramUpdate(
      { update_id: 2, callback_query: { id: 'q1', from: user, data, message: { message_id: 9, date: 1700000000, chat: { id: 7, type: 'private' }, reply_markup: { inline_keyboard: [[{ text: '我要下单', callback_data: data }]] } } } },
      bot,
    );
    expect(msg).toMatchObject({ channelMessageId: 'cb:q1', text: '我要下单' });
    expect(msg?.choice).toBeUndefined();
  });

  it('takes group messages only when they mention or answer the bot, without the mention', () => {
    const group = { id: -5, type: 'group' };
    expect(normaliseTelegramUpdate({ update_id: 3, message: { message_id: 1, date: 1700000000, chat: group, from: user, text: 'hello all' } }, bot)).toBeUndefined();
    expect(normaliseTelegramUpdate({ update_id: 4, message: { message_id: 2, date: 1700000000, chat: group, from: user, text: '@Kefu_Bot 查询订单' } }, bot)?.text).toBe('查询订单');
    expect(normaliseTelegramUpdate({ update_id: 5, message: { message_id: 3, date: 1700000000, chat: group, from: user, text: '好的', reply_to_message: { from: { id: 42, first_name: 'Kefu' } } } }, bot)?.conversationKey).toBe('-5');
  });
});
