import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { OutboundMessage } from '../../src/core/message';
import { ChannelError } from '../../src/errors';
import { messageText, type AgentLabel } from '../shared/message-text';
import { splitText } from '../shared/split-text';
import { encodeCallbackData } from './callback-data';

/** OutboundMessage → Telegram sendMessage parameters (plain text, no parse_mode to escape for). */

/** sendMessage text holds 1–4096 characters. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** The parameters of one sendMessage call (a subset of the Bot API's). */
export interface TelegramSendMessage {
  chat_id: number | string;
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

/** Layout and wording choices for the rendered messages. */
export interface TelegramRenderOptions {
  /** Buttons per keyboard row (default 1: labels in Chinese and English both stay readable). */
  columns?: number;
  agentLabel?: AgentLabel;
}

/**
 * One or more sendMessage calls, in order: text beyond 4096 characters is split, and the quick replies
 * ride on the last part as an inline keyboard whose callback_data decodes with decodeCallbackData.
 */
export function renderTelegram(chatId: number | string, message: OutboundMessage, options: TelegramRenderOptions = {}): TelegramSendMessage[] {
  const parts = splitText(messageText(message, options.agentLabel), TELEGRAM_TEXT_LIMIT, 'utf16-units');
  if (parts.length === 0) {
    throw new ChannelError('telegram', 'refusing to send an empty text', { code: 'empty_text', retryable: false });
  }
  const calls: TelegramSendMessage[] = parts.map((text) => ({ chat_id: chatId, text }));
  const quickReplies = message.quickReplies ?? [];
  if (quickReplies.length > 0) {
    const buttons: InlineKeyboardButton[] = quickReplies.map((reply) => ({ text: reply.label, callback_data: encodeCallbackData(reply.value) }));
    calls[calls.length - 1].reply_markup = { inline_keyboard: rows(buttons, Math.max(1, options.columns ?? 1)) };
  }
  return calls;
}

function rows<T>(items: readonly T[], columns: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += columns) result.push(items.slice(i, i + columns));
  return result;
}
