import type { FastifyPluginAsync } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { AdapterStatus, ChannelAdapter, ConversationRef } from '../../src/channels/channel-adapter';
import type { OutboundMessage } from '../../src/core/message';
import { ChannelError } from '../../src/errors';
import type { AdapterContext } from '../shared/adapter-context';
import { StatusRecorder } from '../shared/adapter-status';
import { ChannelRole } from '../shared/channel-role';
import { storeInbound } from '../shared/inbound';
import { SendQueue } from '../shared/send-queue';
import { splitText } from '../shared/split-text';
import { plainTextOf } from '../shared/wechat-outbound';
import { OneBotHttpTransport } from './http.transport';
import { OneBotApi, type OneBotTransport } from './onebot.api';
import { normaliseOneBotEvent } from './onebot.normalise';
import { checkOneBotEvent, type OneBotMessageEvent } from './onebot.schema';
import { oneBotRoutes } from './onebot.routes';
import { OneBotWsTransport } from './ws.transport';

/** The ONEBOT_* variables. */
export interface OneBotAdapterOptions {
  secret?: string;
  accessToken?: string;
  /** The implementation's HTTP API, used when no reverse WebSocket is connected. */
  apiBase?: string;
}

// QQ cuts long messages and its risk control dislikes them: stay well below its limits.
const PART_LENGTH = 3000;

/**
 * QQ through OneBot v11 (NapCat, Lagrange, go-cqhttp): events by signed HTTP POST or over the
 * reverse WebSocket; private chats, and group chats when the bot is @-mentioned (answered in the
 * group, mentioning the customer). Replies use the WebSocket of the receiving account when it is
 * connected, else the HTTP API.
 */
export class OneBotAdapter implements ChannelAdapter {
  readonly channel = 'onebot' as const;
  readonly routes: FastifyPluginAsync;
  private readonly state = new StatusRecorder('onebot');
  private readonly queue: SendQueue;
  private readonly log: Logger;
  /** One WebSocket transport per bot account (X-Self-ID). */
  private readonly sockets = new Map<string, OneBotWsTransport>();
  private readonly http?: OneBotHttpTransport;
  /** The reverse WebSocket reaches one instance: the one holding this role sends for all. */
  private readonly role: ChannelRole;

  constructor(options: OneBotAdapterOptions, private readonly context: AdapterContext) {
    this.log = context.log.child({ channel: 'onebot' });
    this.role = new ChannelRole('channel:onebot-ws', context.roles, { log: this.log, onGained: () => context.resumeOutbox('onebot') });
    this.http = options.apiBase === undefined ? undefined : new OneBotHttpTransport({ baseUrl: options.apiBase, accessToken: options.accessToken });
    this.queue = new SendQueue({
      perTarget: { capacity: 5, refillPerSecond: 1 },
      global: { capacity: 10, refillPerSecond: 2 },
      onRetry: ({ attempt, delayMs, error }) => this.log.warn({ attempt, delayMs, err: error }, 'OneBot send failed; retrying'),
    });
    this.routes = oneBotRoutes({
      secret: options.secret,
      accessToken: options.accessToken,
      receive: (event) => this.receive(event),
      connected: (socket, request) => this.connected(socket, request),
    });
    this.state.detail('httpApi', options.apiBase !== undefined);
  }

  async start(): Promise<void> {
    this.refreshConnected();
  }

  async stop(): Promise<void> {
    this.state.connected = false;
    await this.role.release();
  }

  /** With the HTTP API any instance sends; over the reverse WebSocket only the one it reached. */
  sendsHere(): boolean {
    return this.http !== undefined || (this.role.holds && [...this.sockets.values()].some((socket) => socket.connected));
  }

  async send(to: ConversationRef, messages: OutboundMessage[]): Promise<void> {
    const context = to.replyContext ?? {};
    const userId = String(context.userId ?? to.externalUserId);
    const groupId = typeof context.groupId === 'string' ? context.groupId : undefined;
    const parts = messages.flatMap((message) => splitText(plainTextOf(to, message, this.context.defaultLocale), PART_LENGTH, 'utf16-units'));
    await this.state.tracked(async () => {
      await this.queue.sendAll(
        to.conversationKey,
        parts.map((text) => async () => {
          const api = new OneBotApi(this.transportFor(String(context.selfId ?? '')));
          if (groupId === undefined) await api.sendPrivateMsg(userId, text);
          else await api.sendGroupMsg(groupId, [{ type: 'at', data: { qq: userId } }, { type: 'text', data: { text: ` ${text}` } }]);
        }),
      );
    });
  }

  status(): AdapterStatus {
    return this.state.snapshot();
  }

  /** The account's own socket, else any connected one (one account is the usual case), else HTTP. */
  private transportFor(selfId: string): OneBotTransport {
    const own = this.sockets.get(selfId);
    if (own?.connected) return own;
    const any = [...this.sockets.values()].find((socket) => socket.connected);
    if (any !== undefined) return any;
    if (this.http !== undefined) return this.http;
    throw new ChannelError('onebot', 'no reverse WebSocket is connected and ONEBOT_API_BASE is not set', { code: 'not_connected', retryable: true });
  }

  private async receive(event: OneBotMessageEvent): Promise<void> {
    const inbound = normaliseOneBotEvent(event);
    if (inbound === undefined) return;
    await storeInbound({ inbox: this.context.inbox, status: this.state, log: this.log }, inbound);
  }

  private connected(socket: WebSocket, request: IncomingMessage): void {
    const selfId = String(request.headers['x-self-id'] ?? '');
    const role = String(request.headers['x-client-role'] ?? 'Universal').toLowerCase();
    this.log.info({ selfId, role }, 'OneBot reverse WebSocket connected');
    if (role !== 'event') {
      const transport = this.sockets.get(selfId) ?? new OneBotWsTransport();
      transport.attach(socket);
      this.sockets.set(selfId, transport);
    }
    if (role !== 'api') socket.on('message', (data, isBinary) => !isBinary && void this.onFrame(data.toString()));
    socket.on('close', () => {
      this.refreshConnected();
      if (![...this.sockets.values()].some((s) => s.connected)) void this.role.release();
    });
    this.refreshConnected();
    // The implementation keeps one connection: wherever it connected is now where QQ messages go out.
    if (role !== 'event') void this.role.claim(true);
  }

  private async onFrame(text: string): Promise<void> {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      this.log.warn('OneBot sent a frame that is not JSON');
      return;
    }
    // Action replies share the socket; the transport takes those.
    if (typeof frame !== 'object' || frame === null || !('post_type' in frame)) return;
    const checked = checkOneBotEvent(frame);
    if (!checked.ok) {
      // Nobody to answer 400 to over the socket: the event is dropped, loudly.
      this.log.warn({ reason: checked.reason }, 'OneBot event ignored: not a valid event');
      return;
    }
    if (checked.message === undefined) return;
    try {
      await this.receive(checked.message);
    } catch (error) {
      // Events over the socket are not redelivered: the message is lost, so say so loudly.
      this.state.failed(error);
      this.log.error({ err: error }, 'OneBot event could not be stored');
    }
  }

  private refreshConnected(): void {
    const accounts = [...this.sockets.entries()].filter(([, socket]) => socket.connected).map(([id]) => id);
    this.state.connected = accounts.length > 0 || this.http !== undefined;
    this.state.detail('webSocketAccounts', accounts);
  }
}
