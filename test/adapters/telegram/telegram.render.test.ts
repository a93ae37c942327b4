import fc from 'fast-check';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { QuickReply } from '../../../src/core/message';
import { decodeCallbackData, encodeCallbackData } from '../../../adapters/telegram/callback-data';
import { renderTelegram } from '../../../adapters/telegram/telegram.render';
import { failureOf } from '../helpers/failure-of';

const options: QuickReply[] = [
  { label: '下单', value: 'order' },
  { label: '投诉', value: 'complaint' },
  { label: 'Talk to staff', value: 'staff' },
];

function callbackData(button: InlineKeyboardButton): string {
  if (!('callback_data' in button)) throw new Error('expected a callback button');
  return button.callback_data;
}

describe('renderTelegram', () => {
  it('renders text with quick replies as an inline keyboard', () => {
    const [call, ...rest] = renderTelegram(42, { author: 'bot', text: '请选择', quickReplies: options });
    expect(rest).toHaveLength(0);
    expect(call.chat_id).toBe(42);
    expect(call.text).toBe('请选择');
    expect(call.reply_markup?.inline_keyboard.map((row) => row.map((button) => button.text))).toEqual([['下单'], ['投诉'], ['Talk to staff']]);
    const pressed = call.reply_markup?.inline_keyboard.flat().map((button) => decodeCallbackData(callbackData(button), options));
    expect(pressed).toEqual(['order', 'complaint', 'staff']);
  });

  it('lays buttons out in the configured number of columns', () => {
    const [call] = renderTelegram('@shop', { author: 'bot', text: 'x', quickReplies: options }, { columns: 2 });
    expect(call.reply_markup?.inline_keyboard.map((row) => row.length)).toEqual([2, 1]);
  });

  it('sends a plain message without reply_markup when there are no quick replies', () => {
    expect(renderTelegram(1, { author: 'bot', text: 'hi' })).toEqual([{ chat_id: 1, text: 'hi' }]);
  });

  it('splits text at 4096 characters and puts the keyboard on the last part', () => {
    const text = '订'.repeat(5000);
    const calls = renderTelegram(1, { author: 'bot', text, quickReplies: options });
    expect(calls.map((call) => call.text.length)).toEqual([4096, 904]);
    expect(calls.map((call) => call.text).join('')).toBe(text);
    expect(calls[0].reply_markup).toBeUndefined();
    expect(calls[1].reply_markup).toBeDefined();
  });

  it('introduces an agent above their text, with a localised label when given', () => {
    const message = { author: 'agent' as const, text: '您好', agent: { name: '王芳', number: '1001' } };
    expect(renderTelegram(1, message)[0].text).toBe('王芳 (No. 1001)\n您好');
    expect(renderTelegram(1, message, { agentLabel: (agent) => `${agent.name}（工号 ${agent.number}）` })[0].text).toBe('王芳（工号 1001）\n您好');
  });

  it('refuses an empty text', async () => {
    const error = await failureOf(Promise.resolve().then(() => renderTelegram(1, { author: 'bot', text: '' })));
    expect(error).toMatchObject({ platformCode: 'empty_text', retryable: false });
  });
});

describe('callback data', () => {
  it('keeps short values readable and hashes long ones within 64 bytes', () => {
    expect(encodeCallbackData('order')).toBe('v:order');
    const long = { label: '长', value: '订单'.repeat(20) };
    const data = encodeCallbackData(long.value);
    expect(data.startsWith('h:')).toBe(true);
    expect(decodeCallbackData(data, [...options, long])).toBe(long.value);
    expect(decodeCallbackData(data, options)).toBeUndefined();
    expect(decodeCallbackData('garbage', options)).toBeUndefined();
  });

  it('always fits in 64 bytes and decodes back to the value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (value) => {
        const data = encodeCallbackData(value);
        expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
        expect(Buffer.byteLength(data)).toBeGreaterThanOrEqual(1);
        expect(decodeCallbackData(data, [{ label: 'x', value }])).toBe(value);
      }),
    );
  });
});
