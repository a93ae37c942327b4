import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { AdapterStatus, ChannelAdapter, ConversationRef } from '../../src/channels/channel-adapter';
import type { OutboundMessage } from '../../src/core/message';
import { ChannelError } from '../../src/errors';
import type { AdapterContext } from '../shared/adapter-context';
import { StatusRecorder } from '../shared/adapter-status';
import { storeInboundWithMedia } from '../shared/inbound-media';
import { filesOf, hasText, readFile } from '../shared/outbound-media';
import { SendQueue } from '../shared/send-queue';
import { plainTextOf } from '../shared/wechat-outbound';
import { normaliseWeChatMessage, weChatFiles } from '../shared/wechat-normalise';
import { WeChatCrypto } from './crypto';
import { WeComApi, splitWeComText } from './wecom.api';
import { weComRoutes } from './wecom.routes';
import type { WeChatInboundXml } from './xml';

/** The WECOM_* variables: the app's credentials and its callback Token and EncodingAESKey. */
export interface WeComAdapterOptions {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  encodingAesKey: string;
  apiBase?: string;
}

/**
 * WeCom (企业微信) self-built app: encrypted callbacks at /webhooks/wecom, replies with message/send
 * (cached token, refreshed on 40014/42001/41001), at most 15 messages a minute per member so the
 * platform's 30/min and 1000/h per member are never exceeded (beyond them WeCom drops silently).
 */
export class WeComAdapter implements ChannelAdapter {
  readonly channel = 'wecom' as const;
  readonly routes: FastifyPluginAsync;
  private readonly api: WeComApi;
  private readonly state = new StatusRecorder('wecom');
  private readonly queue: SendQueue;
  private readonly log: Logger;

  constructor(options: WeComAdapterOptions, private readonly context: AdapterContext) {
    this.log = context.log.child({ channel: 'wecom' });
    this.api = new WeComApi({ corpId: options.corpId, corpSecret: options.secret, agentId: options.agentId, baseUrl: options.apiBase });
    this.queue = new SendQueue({
      perTarget: { capacity: 15, refillPerSecond: 0.25 },
      onRetry: ({ attempt, delayMs, error }) => this.log.warn({ attempt, delayMs, err: error }, 'WeCom send failed; retrying'),
    });
    const crypto = new WeChatCrypto({ token: options.token, encodingAesKey: options.encodingAesKey, receiveId: options.corpId });
    this.routes = weComRoutes({ crypto, replay: context.replay, receive: (message) => this.receive(message) });
    this.state.detail('agentId', options.agentId);
  }

  async start(): Promise<void> {
    // Webhook-driven: ready as soon as the route is registered.
    this.state.connected = true;
  }

  async stop(): Promise<void> {
    this.state.connected = false;
  }

  async send(to: ConversationRef, messages: OutboundMessage[]): Promise<void> {
    await this.state.tracked(async () => {
      const tasks = messages.flatMap((message) => [
        ...(hasText(message) ? splitWeComText(plainTextOf(to, message, this.context.defaultLocale)).map((part) => () => this.api.sendText(to.externalUserId, part)) : []),
        // Pictures (JPG and PNG are what WeCom shows as images) and files: uploaded, then sent.
        ...filesOf(message).map((a) => async () => {
          const type = a.kind === 'image' && (a.mime === 'image/jpeg' || a.mime === 'image/png') ? 'image' : 'file';
          await this.api.sendMedia(to.externalUserId, type, await readFile('wecom', this.context.media, a));
        }),
      ]);
      if (tasks.length === 0) throw new ChannelError('wecom', 'nothing to send', { code: 'empty_text', retryable: false });
      await this.queue.sendAll(to.externalUserId, tasks);
    });
  }

  status(): AdapterStatus {
    return this.state.snapshot();
  }

  private async receive(xml: WeChatInboundXml): Promise<void> {
    // Events (enter_agent, location reports…) start no conversation; the app's menu has its own flow.
    if (xml.msgType === 'event') return;
    const files = weChatFiles('wecom', xml, (mediaId) => this.api.downloadMedia(mediaId, this.context.media.maxBytes));
    await storeInboundWithMedia({ inbox: this.context.inbox, status: this.state, log: this.log, media: this.context.media }, normaliseWeChatMessage('wecom', xml), files);
  }
}
