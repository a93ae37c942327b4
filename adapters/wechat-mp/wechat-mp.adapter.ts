import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { AdapterStatus, ChannelAdapter, ConversationRef } from '../../src/channels/channel-adapter';
import type { OutboundMessage } from '../../src/core/message';
import { ChannelError } from '../../src/errors';
import type { AdapterContext } from '../shared/adapter-context';
import { StatusRecorder } from '../shared/adapter-status';
import { storeInbound } from '../shared/inbound';
import { storeInboundWithMedia } from '../shared/inbound-media';
import { filesOf, hasText, readFile } from '../shared/outbound-media';
import { SendQueue } from '../shared/send-queue';
import { plainTextOf } from '../shared/wechat-outbound';
import { eventMessageId, normaliseWeChatMessage, weChatFiles } from '../shared/wechat-normalise';
import { WeChatCrypto } from '../wecom/crypto';
import type { WeChatInboundXml } from '../wecom/xml';
import { WeChatMpApi, splitWeChatMpText } from './wechat-mp.api';
import { weChatMpRoutes } from './wechat-mp.routes';

/** The WECHAT_MP_* variables; with an EncodingAESKey only safe mode is accepted, without one only plaintext. */
export interface WeChatMpAdapterOptions {
  appId: string;
  appSecret: string;
  token: string;
  encodingAesKey?: string;
  apiBase?: string;
}

/** Customer-service messages are allowed for 48 hours after the follower's last interaction. */
export const SERVICE_WINDOW_MS = 48 * 3600_000;
/** Pictures a customer-service image message can carry; other files have no customer-service message type. */
const SENDABLE_IMAGES = ['image/jpeg', 'image/png', 'image/gif'];

/**
 * WeChat Official Account (公众号): messages at /webhooks/wechat-mp (plaintext or safe mode), a follow
 * (`subscribe`) greets, a menu click is a choice, and replies go out as customer-service messages
 * within the 48-hour window; outside it the message is recorded as failed instead of being tried.
 */
export class WeChatMpAdapter implements ChannelAdapter {
  readonly channel = 'wechat-mp' as const;
  readonly routes: FastifyPluginAsync;
  private readonly api: WeChatMpApi;
  private readonly state = new StatusRecorder('wechat-mp');
  private readonly queue: SendQueue;
  private readonly log: Logger;

  constructor(options: WeChatMpAdapterOptions, private readonly context: AdapterContext) {
    this.log = context.log.child({ channel: 'wechat-mp' });
    this.api = new WeChatMpApi({ appId: options.appId, appSecret: options.appSecret, baseUrl: options.apiBase });
    this.queue = new SendQueue({
      perTarget: { capacity: 10, refillPerSecond: 1 },
      onRetry: ({ attempt, delayMs, error }) => this.log.warn({ attempt, delayMs, err: error }, 'Official Account send failed; retrying'),
    });
    const crypto = options.encodingAesKey === undefined ? undefined : new WeChatCrypto({ token: options.token, encodingAesKey: options.encodingAesKey, receiveId: options.appId });
    this.routes = weChatMpRoutes({ token: options.token, crypto, replay: context.replay, receive: (message) => this.receive(message) });
    this.state.detail('safeMode', crypto !== undefined);
  }

  async start(): Promise<void> {
    this.state.connected = true;
  }

  async stop(): Promise<void> {
    this.state.connected = false;
  }

  async send(to: ConversationRef, messages: OutboundMessage[]): Promise<void> {
    await this.state.tracked(async () => {
      const last = Date.parse(String(to.replyContext?.lastInteractionAt ?? ''));
      // Unknown (a conversation from before this field) is left to the platform, which answers 45015.
      if (Number.isFinite(last) && Date.now() - last > SERVICE_WINDOW_MS) {
        throw new ChannelError('wechat-mp', 'the 48-hour customer-service window has closed', { code: 'window_closed', retryable: false });
      }
      const unsendable = messages.flatMap(filesOf).find((a) => a.kind !== 'image' || !SENDABLE_IMAGES.includes(a.mime ?? ''));
      if (unsendable) {
        // Refused before anything goes out: the agent sees why on the message and can send a link instead.
        throw new ChannelError('wechat-mp', `customer-service messages cannot carry ${unsendable.mime ?? 'this file'} (pictures only: JPG, PNG, GIF)`, { code: 'unsupported_file', retryable: false });
      }
      const tasks = messages.flatMap((message) => [
        ...(hasText(message) ? splitWeChatMpText(plainTextOf(to, message, this.context.defaultLocale)).map((part) => () => this.api.sendText(to.externalUserId, part)) : []),
        ...filesOf(message).map((a) => async () => this.api.sendImage(to.externalUserId, await readFile('wechat-mp', this.context.media, a))),
      ]);
      await this.queue.sendAll(to.externalUserId, tasks);
    });
  }

  status(): AdapterStatus {
    return this.state.snapshot();
  }

  private async receive(xml: WeChatInboundXml): Promise<void> {
    const replyContext = { lastInteractionAt: new Date().toISOString() };
    const deps = { inbox: this.context.inbox, status: this.state, log: this.log };
    if (xml.msgType !== 'event') {
      const files = weChatFiles('wechat-mp', xml, (mediaId) => this.api.downloadMedia(mediaId, this.context.media.maxBytes));
      await storeInboundWithMedia({ ...deps, media: this.context.media }, { ...normaliseWeChatMessage('wechat-mp', xml), replyContext }, files);
      return;
    }
    const identity = { channel: this.channel, externalUserId: xml.fromUserName, conversationKey: xml.fromUserName, replyContext };
    const event = xml.event?.toLowerCase();
    if (event === 'subscribe') {
      this.state.received();
      // Inboxes without greet() greet on the first message instead.
      await this.context.inbox.greet?.(identity);
    } else if (event === 'click' && xml.eventKey) {
      // A custom menu button: its key is the choice, as a pressed quick reply would be.
      await storeInbound(deps, { ...identity, channelMessageId: eventMessageId(xml), text: '', choice: xml.eventKey, replyContext });
    }
  }
}
