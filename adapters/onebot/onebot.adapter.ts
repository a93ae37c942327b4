import type { FastifyPluginAsync } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { AdapterStatus, ChannelAdapter, ConversationRef } from '../../src/channels/channel-adapter';
import type { OutboundMessage } from '../../src/core/message';
import type { InboundFile } from '../../src/channels/channel-adapter';
import { AppError, ChannelError } from '../../src/errors';
import type { AdapterContext } from '../shared/adapter-context';
import { StatusRecorder } from '../shared/adapter-status';
import { ChannelRole } from '../shared/channel-role';
import { download, mediaKey, storeInboundWithMedia } from '../shared/inbound-media';
import { filesOf, hasText, readFile } from '../shared/outbound-media';
import { SendQueue } from '../shared/send-queue';
import { splitText } from '../shared/split-text';
import { plainTextOf } from '../shared/wechat-outbound';
import { OneBotHttpTransport } from './http.transport';
import { checkResponse, OneBotApi, type OneBotTransport } from './onebot.api';
import { mediaSegments, normaliseOneBotEvent } from './onebot.normalise';
import type { Segment } from './cq-code';
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
    this.role = new ChannelRole('channel:onebot-ws', context.roles, { ttlMs: context.roleLeaseMs, renewMs: context.roleLeaseMs / 3, log: this.log, onGained: () => context.resumeOutbox('onebot') });
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
    const api = () => new OneBotApi(this.transportFor(String(context.selfId ?? '')));
    const tasks = messages.flatMap((message) => [
      ...(hasText(message) ? splitText(plainTextOf(to, message, this.context.defaultLocale), PART_LENGTH, 'utf16-units') : []).map((text) => async () => {
        if (groupId === undefined) await api().sendPrivateMsg(userId, text);
        else await api().sendGroupMsg(groupId, [{ type: 'at', data: { qq: userId } }, { type: 'text', data: { text: ` ${text}` } }]);
      }),
      // A picture is an image segment; another file a file segment (NapCat, Lagrange), both carried as base64.
      ...filesOf(message).map((a) => async () => {
        const file = await readFile('onebot', this.context.media, a);
        const data = `base64://${file.data.toString('base64')}`;
        const segment: Segment = a.kind === 'image' ? { type: 'image', data: { file: data } } : { type: 'file', data: { file: data, name: file.filename } };
        if (groupId === undefined) await api().sendPrivateMsg(userId, [segment]);
        else await api().sendGroupMsg(groupId, [{ type: 'at', data: { qq: userId } }, segment]);
      }),
    ]);
    await this.state.tracked(async () => {
      await this.queue.sendAll(to.conversationKey, tasks);
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
    const selfId = String(event.self_id);
    const files: InboundFile[] = mediaSegments(event).map((segment, i) => ({
      key: mediaKey('onebot', inbound.channelMessageId, i),
      kind: segment.type === 'image' ? 'image' : segment.type === 'record' ? 'voice' : 'file',
      ...(segment.type === 'file' && (segment.data.name ?? segment.data.file) ? { name: segment.data.name ?? segment.data.file } : {}),
      ...(Number(segment.data.file_size) > 0 ? { declaredSize: Number(segment.data.file_size) } : {}),
      data: () => this.fetchSegment(selfId, segment),
    }));
    await storeInboundWithMedia({ inbox: this.context.inbox, status: this.state, log: this.log, media: this.context.media }, inbound, files);
  }

  /**
   * A picture's, voice's or file's bytes: voice as MP3 through get_record (browsers cannot play
   * QQ's SILK), others from the segment's URL, else from get_image / get_file (a URL or base64).
   */
  private async fetchSegment(selfId: string, segment: Segment): Promise<Buffer> {
    const max = this.context.media.maxBytes;
    const url = /^https?:\/\//.test(segment.data.url ?? '') ? segment.data.url : undefined;
    if (url && segment.type !== 'record') return download('onebot', url, max);
    const action = segment.type === 'image' ? 'get_image' : segment.type === 'record' ? 'get_record' : 'get_file';
    const params = segment.type === 'file' ? { file_id: segment.data.file_id ?? segment.data.file } : { file: segment.data.file, ...(segment.type === 'record' ? { out_format: 'mp3' } : {}) };
    let got: { url?: unknown; base64?: unknown } | undefined;
    try {
      got = checkResponse(action, await this.transportFor(selfId).call(action, params)) as typeof got;
    } catch (error) {
      if (!url) throw error;
    }
    if (typeof got?.base64 === 'string') {
      const data = Buffer.from(got.base64, 'base64');
      if (data.length > max) throw new AppError('FILE_TOO_LARGE');
      return data;
    }
    if (typeof got?.url === 'string' && /^https?:\/\//.test(got.url)) return download('onebot', got.url, max);
    if (url) return download('onebot', url, max);
    throw new ChannelError('onebot', `${action} gave no file to download`, { code: 'no_file', retryable: false });
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
