import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Message, Wechaty } from 'wechaty';
import type { FileBoxInterface } from 'file-box';
import type { AdapterStatus, ChannelAdapter, ConversationRef } from '../../src/channels/channel-adapter';
import type { OutboundMessage } from '../../src/core/message';
import { ChannelError } from '../../src/errors';
import type { AdapterContext } from '../shared/adapter-context';
import { StatusRecorder } from '../shared/adapter-status';
import { ChannelRole } from '../shared/channel-role';
import type { InboundFile } from '../../src/channels/channel-adapter';
import { mediaKey, storeInboundWithMedia } from '../shared/inbound-media';
import { filesOf, hasText, readFile } from '../shared/outbound-media';
import { SendQueue } from '../shared/send-queue';
import { plainTextOf } from '../shared/wechat-outbound';
import { recordLogin, showLoginQrCode } from './wechaty-login';
import { FILE_KINDS, normaliseWechatyMessage } from './wechaty.normalise';

/** WECHATY_PUPPET (default: wechaty's own, wechat4u), WECHATY_PUPPET_SERVICE_TOKEN, and where to keep the login. */
export interface WechatyAdapterOptions {
  puppet?: string;
  puppetToken?: string;
  /** The session (memory card) is kept here, so a restart does not need a new scan. */
  dataDir: string;
}

/**
 * Personal WeChat through wechaty: no route, the puppet emits events. Private chats are served; in a
 * room only messages that @-mention the bot; the bot's own messages are ignored. Sending is slow on
 * purpose: accounts that send fast get restricted by WeChat.
 */
export class WechatyAdapter implements ChannelAdapter {
  readonly channel = 'wechaty' as const;
  private readonly state = new StatusRecorder('wechaty');
  private readonly queue: SendQueue;
  private readonly log: Logger;
  private wechaty?: Wechaty;
  /** One login, one instance: the holder runs the puppet; another takes over when it dies. */
  private readonly role: ChannelRole;
  private starting?: Promise<void>;

  constructor(private readonly options: WechatyAdapterOptions, private readonly context: AdapterContext) {
    this.log = context.log.child({ channel: 'wechaty' });
    this.role = new ChannelRole('channel:wechaty', context.roles, {
      ttlMs: context.roleLeaseMs,
      renewMs: context.roleLeaseMs / 3,
      log: this.log,
      onGained: () => this.startPuppet(),
      onLost: () => this.stopPuppet(),
    });
    this.queue = new SendQueue({
      perTarget: { capacity: 5, refillPerSecond: 0.5 },
      global: { capacity: 10, refillPerSecond: 1 },
      onRetry: ({ attempt, delayMs, error }) => this.log.warn({ attempt, delayMs, err: error }, 'wechaty send failed; retrying'),
    });
    this.state.detail('puppet', options.puppet ?? 'wechaty default');
  }

  /** The running Wechaty (after start): tests reach the mock puppet through it. */
  get bot(): Wechaty | undefined {
    return this.wechaty;
  }

  /** Runs the puppet now if no other instance does; otherwise waits to take over. */
  async start(): Promise<void> {
    await this.role.pursue();
    if (!this.role.holds) {
      this.state.detail('runsOn', 'another instance');
      this.log.info('wechaty runs on another instance; this one takes over if it stops');
    }
  }

  sendsHere(): boolean {
    return this.role.holds;
  }

  private startPuppet(): Promise<void> {
    this.starting ??= this.launch().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async stopPuppet(): Promise<void> {
    this.state.connected = false;
    const bot = this.wechaty;
    this.wechaty = undefined;
    await bot?.stop();
  }

  private async launch(): Promise<void> {
    this.state.detail('runsOn', 'this instance');
    // Loaded here, not at the top: wechaty takes seconds to load and most installs do not use it.
    const { WechatyBuilder, qrcodeValueToImageUrl } = await import('wechaty');
    fs.mkdirSync(this.options.dataDir, { recursive: true });
    const bot = WechatyBuilder.build({
      name: path.resolve(this.options.dataDir, 'wechaty'),
      puppet: this.options.puppet as never,
      puppetOptions: this.options.puppetToken === undefined ? undefined : { token: this.options.puppetToken },
    });
    bot.on('scan', (qrcode, scanStatus) => showLoginQrCode(qrcode, scanStatus, qrcodeValueToImageUrl(qrcode), this.state, this.log));
    bot.on('login', (user) => {
      recordLogin(user.name(), user.id, this.state);
      this.log.info({ user: user.name() }, 'wechaty logged in');
    });
    bot.on('logout', () => {
      this.state.connected = false;
      this.state.detail('loggedInAs', undefined);
      this.log.warn('wechaty logged out');
    });
    bot.on('error', (error) => {
      this.state.failed(error);
      this.log.error({ err: error }, 'wechaty error');
    });
    bot.on('message', (msg) => void this.receive(msg));
    this.wechaty = bot;
    await bot.start();
    this.context.resumeOutbox('wechaty');
  }

  async stop(): Promise<void> {
    await this.role.release();
    await this.stopPuppet();
  }

  async send(to: ConversationRef, messages: OutboundMessage[]): Promise<void> {
    const tasks = messages.flatMap((message) => [
      ...(hasText(message) ? [() => this.say(to, plainTextOf(to, message, this.context.defaultLocale))] : []),
      // Pictures and files as a FileBox (base64: every puppet takes it).
      ...filesOf(message).map((a) => async () => {
        const file = await readFile('wechaty', this.context.media, a);
        const { FileBox } = await import('file-box');
        await this.say(to, FileBox.fromBase64(file.data.toString('base64'), file.filename));
      }),
    ]);
    await this.state.tracked(async () => {
      await this.queue.sendAll(to.conversationKey, tasks);
    });
  }

  status(): AdapterStatus {
    return this.state.snapshot();
  }

  private async receive(msg: Message): Promise<void> {
    try {
      const inbound = await normaliseWechatyMessage(msg);
      if (inbound === undefined) return;
      await storeInboundWithMedia({ inbox: this.context.inbox, status: this.state, log: this.log, media: this.context.media }, inbound, await this.filesOf(msg));
    } catch (error) {
      // A puppet does not redeliver: the message is lost, so say so loudly.
      this.state.failed(error);
      this.log.error({ err: error, messageId: msg.id }, 'wechaty message could not be stored');
    }
  }

  /** A picture's, voice's or file's FileBox (its name and size known before the download). */
  private async filesOf(msg: Message): Promise<InboundFile[]> {
    const kind = FILE_KINDS[msg.type()];
    if (!kind) return [];
    const box = await msg.toFileBox();
    return [{ key: mediaKey('wechaty', msg.id), kind, name: box.name, ...(box.size > 0 ? { declaredSize: box.size } : {}), data: () => box.toBuffer() }];
  }

  private async say(to: ConversationRef, text: string | FileBoxInterface): Promise<void> {
    const bot = this.wechaty;
    if (bot === undefined || !bot.isLoggedIn) throw new ChannelError('wechaty', 'not logged in', { code: 'not_logged_in', retryable: true });
    const roomId = typeof to.replyContext?.roomId === 'string' ? to.replyContext.roomId : undefined;
    const talkerId = typeof to.replyContext?.talkerId === 'string' ? to.replyContext.talkerId : to.externalUserId;
    try {
      const contact = await bot.Contact.find({ id: talkerId });
      if (roomId === undefined) {
        if (contact === undefined) throw new ChannelError('wechaty', `contact ${talkerId} not found`, { code: 'no_contact', retryable: false });
        await contact.say(text);
        return;
      }
      const room = await bot.Room.find({ id: roomId });
      if (room === undefined) throw new ChannelError('wechaty', `room ${roomId} not found`, { code: 'no_room', retryable: false });
      // A text mentions the customer; a file cannot carry a mention.
      if (typeof text !== 'string') await room.say(text);
      else await (contact === undefined ? room.say(text) : room.say(text, contact));
    } catch (error) {
      if (error instanceof ChannelError) throw error;
      throw new ChannelError('wechaty', (error as Error).message, { code: 'say_failed', retryable: true, cause: error });
    }
  }
}
