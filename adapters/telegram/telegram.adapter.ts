import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { AdapterStatus, ChannelAdapter, ConversationRef } from '../../src/channels/channel-adapter';
import type { OutboundMessage } from '../../src/core/message';
import type { AdapterContext } from '../shared/adapter-context';
import { agentLabelFor } from '../shared/agent-label';
import { StatusRecorder } from '../shared/adapter-status';
import { download, mediaKey, storeInboundWithMedia } from '../shared/inbound-media';
import { messageText } from '../shared/message-text';
import { filesOf, hasText, readFile } from '../shared/outbound-media';
import { SendQueue } from '../shared/send-queue';
import { toTelegramChannelError } from './telegram-error';
import { normaliseTelegramUpdate, telegramFiles } from './telegram.normalise';
import { renderTelegram } from './telegram.render';
import { describeInvalidUpdate, telegramUpdate, type TelegramUpdate } from './telegram.schema';
import { telegramRoutes } from './telegram.routes';

/** A photo's caption holds at most this many characters; a longer text goes first as a message. */
const CAPTION_LIMIT = 1024;
/** What sendPhoto shows as a photo; other pictures go as documents. */
const PHOTOS = ['image/jpeg', 'image/png', 'image/webp'];

/** The TELEGRAM_* variables, and PUBLIC_URL to register the webhook at start. */
export interface TelegramAdapterOptions {
  token: string;
  webhookSecret?: string;
  apiRoot?: string;
  /** Long polling instead of the webhook (development: no public URL needed). */
  polling: boolean;
  publicUrl?: string;
}

/**
 * Telegram through telegraf: updates by webhook (secret token checked) or long polling, buttons as
 * inline keyboards, sends queued at about 1/s per chat and 30/s overall, 429 retried after
 * retry_after.
 */
export class TelegramAdapter implements ChannelAdapter {
  readonly channel = 'telegram' as const;
  readonly routes: FastifyPluginAsync;
  /** The telegraf instance (tests set botInfo on it). */
  readonly bot: Telegraf;
  private readonly state = new StatusRecorder('telegram');
  private readonly queue: SendQueue;
  private readonly log: Logger;

  constructor(private readonly options: TelegramAdapterOptions, private readonly context: AdapterContext) {
    this.log = context.log.child({ channel: 'telegram' });
    this.bot = new Telegraf(options.token, { telegram: options.apiRoot === undefined ? {} : { apiRoot: options.apiRoot } });
    this.bot.use(async (ctx) => this.receive(ctx.update, () => ctx.answerCbQuery()));
    this.bot.catch((error) => {
      // A webhook answers 500 and Telegram redelivers; polling would stop at a thrown error.
      if (!options.polling) throw error;
      this.state.failed(error);
      this.log.error({ err: error }, 'Telegram update could not be stored');
    });
    this.queue = new SendQueue({
      perTarget: { capacity: 3, refillPerSecond: 1 },
      global: { capacity: 30, refillPerSecond: 30 },
      onRetry: ({ attempt, delayMs, error }) => this.log.warn({ attempt, delayMs, err: error }, 'Telegram send failed; retrying'),
    });
    this.routes = telegramRoutes({ secret: options.webhookSecret, handleUpdate: (update) => this.bot.handleUpdate(update as unknown as Update) });
    this.state.detail('mode', options.polling ? 'polling' : 'webhook');
  }

  async start(): Promise<void> {
    try {
      this.bot.botInfo ??= await this.bot.telegram.getMe();
      this.state.detail('bot', `@${this.bot.botInfo.username}`);
      if (this.options.polling) {
        // launch() resolves only when polling stops.
        this.bot.launch({ allowedUpdates: ['message', 'callback_query'] }).catch((error: unknown) => this.fail(error, 'Telegram polling stopped'));
      } else if (this.options.webhookSecret === undefined) {
        throw new Error('TELEGRAM_WEBHOOK_SECRET is not set: webhook deliveries are refused (or set TELEGRAM_POLLING=true)');
      } else if (this.options.publicUrl !== undefined) {
        const url = new URL('/webhooks/telegram', this.options.publicUrl).toString();
        await this.bot.telegram.setWebhook(url, { secret_token: this.options.webhookSecret, allowed_updates: ['message', 'callback_query'] });
        this.state.detail('webhook', url);
      }
      this.state.connected = true;
    } catch (error) {
      // The service still starts: other channels work, and /healthz shows what is wrong here.
      this.fail(error, 'Telegram did not start');
    }
  }

  async stop(): Promise<void> {
    this.state.connected = false;
    if (this.options.polling) {
      try {
        this.bot.stop('shutdown');
      } catch {
        // Not running (it never started): nothing to stop.
      }
    }
  }

  async send(to: ConversationRef, messages: OutboundMessage[]): Promise<void> {
    const chatId = to.conversationKey;
    const tasks = messages.flatMap((message) => this.tasksFor(chatId, to, message));
    await this.state.tracked(() => this.queue.sendAll(chatId, tasks));
  }

  /**
   * A message's sends: its text (with the buttons), then its pictures (sendPhoto) and files
   * (sendDocument); a short text without buttons rides as the first file's caption.
   */
  private tasksFor(chatId: string, to: ConversationRef, message: OutboundMessage): (() => Promise<void>)[] {
    const agentLabel = agentLabelFor(to, message, this.context.defaultLocale);
    const files = filesOf(message);
    const caption = hasText(message) ? messageText(message, agentLabel) : '';
    const asCaption = files.length > 0 && caption.length <= CAPTION_LIMIT && !message.quickReplies?.length;
    const texts = hasText(message) && !asCaption ? renderTelegram(chatId, message, { agentLabel }) : [];
    const call = (fn: () => Promise<unknown>) => async () => {
      try {
        await fn();
      } catch (error) {
        throw toTelegramChannelError(error);
      }
    };
    return [
      ...texts.map((t) => call(() => this.bot.telegram.sendMessage(t.chat_id, t.text, t.reply_markup === undefined ? {} : { reply_markup: t.reply_markup }))),
      ...files.map((a, i) =>
        call(async () => {
          const file = await readFile('telegram', this.context.media, a);
          const extra = asCaption && i === 0 && caption ? { caption } : {};
          const input = { source: file.data, filename: file.filename };
          if (a.kind === 'image' && PHOTOS.includes(file.contentType)) await this.bot.telegram.sendPhoto(chatId, input, extra);
          else await this.bot.telegram.sendDocument(chatId, input, extra);
        }),
      ),
    ];
  }

  /** A file of a message, fetched with getFile and downloaded from the Bot API's file path. */
  private async downloadFile(fileId: string): Promise<Buffer> {
    let link: URL;
    try {
      link = await this.bot.telegram.getFileLink(fileId);
    } catch (error) {
      throw toTelegramChannelError(error);
    }
    return download('telegram', link.href, this.context.media.maxBytes);
  }

  status(): AdapterStatus {
    return this.state.snapshot();
  }

  private async receive(raw: Update, answerCallback: () => Promise<unknown>): Promise<void> {
    const update = this.options.polling ? this.polled(raw) : (raw as unknown as TelegramUpdate);
    if (update === undefined) return;
    const me = this.bot.botInfo;
    const inbound = me === undefined ? undefined : normaliseTelegramUpdate(update, { id: me.id, username: me.username });
    if (inbound === undefined) return;
    const refs = update.message && update.callback_query === undefined ? telegramFiles(update.message, this.context.media.maxBytes) : [];
    const files = refs.map((f, i) => ({ key: mediaKey('telegram', inbound.channelMessageId, i), kind: f.kind, name: f.name, declaredSize: f.size, duration: f.duration, data: () => this.downloadFile(f.fileId) }));
    await storeInboundWithMedia({ inbox: this.context.inbox, status: this.state, log: this.log, media: this.context.media }, inbound, files);
    // Stops the button's spinner; the reply itself comes through send().
    if (update.callback_query !== undefined) await answerCallback().catch((error: unknown) => this.log.debug({ err: error }, 'answerCallbackQuery failed'));
  }

  /** Webhook updates were checked by the route; polled ones are checked here (and skipped when invalid). */
  private polled(raw: Update): TelegramUpdate | undefined {
    const parsed = telegramUpdate.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.log.warn({ reason: describeInvalidUpdate(parsed.error) }, 'Telegram update ignored: not a valid Update');
    return undefined;
  }

  private fail(error: unknown, message: string): void {
    this.state.connected = false;
    this.state.failed(error);
    this.log.error({ err: error }, message);
  }
}
