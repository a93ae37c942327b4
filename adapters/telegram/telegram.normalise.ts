import type { AttachmentKind, InboundMessage } from '../../src/core/message';
import { placeholderText } from '../shared/inbound';
import { decodeCallbackData } from './callback-data';
import type { TelegramUpdate } from './telegram.schema';

/** A file of a Telegram message, to fetch with getFile. */
export interface TelegramFileRef {
  fileId: string;
  kind: AttachmentKind;
  name?: string;
  size?: number;
  duration?: number;
}

/**
 * The file a message carries: the largest size of a photo that fits `maxBytes` (Telegram keeps
 * several), a document, a voice message, an audio or a video.
 */
export function telegramFiles(message: NonNullable<TelegramUpdate['message']>, maxBytes: number): TelegramFileRef[] {
  if (message.photo?.length) {
    const sizes = [...message.photo].sort((a, b) => (a.file_size ?? 0) - (b.file_size ?? 0));
    const best = [...sizes].reverse().find((p) => (p.file_size ?? 0) <= maxBytes) ?? sizes[sizes.length - 1];
    return [{ fileId: best.file_id, kind: 'image', size: best.file_size }];
  }
  const [kind, f] = message.document ? (['file', message.document] as const) : message.voice ? (['voice', message.voice] as const) : message.audio ? (['voice', message.audio] as const) : message.video ? (['video', message.video] as const) : [];
  if (!f || !kind) return [];
  return [{ fileId: f.file_id, kind: kind === 'file' && f.mime_type?.startsWith('image/') ? 'image' : kind, name: f.file_name, size: f.file_size, duration: f.duration }];
}

/** The bot itself, as getMe answered: needed to tell whether a group message is addressed to it. */
export interface TelegramBotIdentity {
  id: number;
  username: string;
}

type Update = TelegramUpdate;
type Message = NonNullable<Update['message']>;
type User = NonNullable<Message['from']>;
type Chat = Message['chat'];

/**
 * A Telegram Update as an InboundMessage, or undefined when it is not for us (edits, channel posts,
 * group messages not addressed to the bot). De-duplication keys survive Telegram's retries and do not
 * depend on update_id, which restarts at a random value after a quiet week: chat id + message id for
 * messages, the callback query's own id for pressed buttons.
 */
export function normaliseTelegramUpdate(update: Update, bot: TelegramBotIdentity): InboundMessage | undefined {
  if (update.message?.from !== undefined) return fromMessage(update.message, update.message.from, bot);
  const query = update.callback_query;
  if (query?.message === undefined || query.data === undefined) return undefined;
  // A value that fits travels in the button; a long one is found by its label on the pressed keyboard.
  const value = decodeCallbackData(query.data, []);
  const label = query.message.reply_markup?.inline_keyboard?.flat().find((button) => button.callback_data === query.data)?.text;
  return {
    ...identity(query.message.chat, query.from),
    channelMessageId: `cb:${query.id}`,
    ...(value !== undefined ? { choice: value, text: label ?? '' } : { text: label ?? '' }),
  };
}

function fromMessage(message: Message, from: User, bot: TelegramBotIdentity): InboundMessage | undefined {
  const mention = `@${bot.username}`;
  let text = message.text ?? message.caption ?? '';
  if (message.chat.type !== 'private') {
    const addressed = text.toLowerCase().includes(mention.toLowerCase()) || message.reply_to_message?.from?.id === bot.id;
    if (!addressed) return undefined;
    text = text.replace(new RegExp(mention.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '').trim();
  }
  // A picture, file or voice says nothing by itself (it is an attachment); a sticker or a poll is named.
  const media = !!(message.photo?.length || message.document || message.voice || message.audio || message.video);
  if (text === '' && !media) text = placeholderText(message.sticker ? 'sticker' : 'message');
  return {
    ...identity(message.chat, from),
    channelMessageId: `${message.chat.id}:${message.message_id}`,
    text,
    receivedAt: message.date === undefined ? undefined : new Date(message.date * 1000),
  };
}

function identity(chat: Chat, from: User): Pick<InboundMessage, 'channel' | 'externalUserId' | 'conversationKey' | 'displayName' | 'localeHint' | 'replyContext'> {
  const displayName = [from.first_name, from.last_name].filter(Boolean).join(' ');
  return {
    channel: 'telegram',
    externalUserId: String(from.id),
    conversationKey: String(chat.id),
    displayName: displayName || undefined,
    localeHint: from.language_code,
    // Kept on the conversation so agent labels later come out in the customer's language.
    replyContext: from.language_code ? { locale: from.language_code } : undefined,
  };
}
