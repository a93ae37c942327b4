import type { RawData, WebSocket } from 'ws';
import { ChannelError } from '../../src/errors';
import { isActionResponse, type OneBotActionResponse, type OneBotTransport } from './onebot.api';

/**
 * Actions over the reverse WebSocket an implementation opened to us (role Universal or API): send
 * `{action, params, echo}` and wait for the reply carrying the same echo, with a timeout.
 */

export interface OneBotWsTransportOptions {
  /** How long to wait for a reply (default 10 s). */
  timeoutMs?: number;
}

interface PendingCall {
  socket: WebSocket;
  action: string;
  resolve: (response: OneBotActionResponse) => void;
  reject: (error: ChannelError) => void;
  timer: NodeJS.Timeout;
}

/** One per bot account; the connection handler attaches each new API socket. Events are left alone. */
export class OneBotWsTransport implements OneBotTransport {
  private socket?: WebSocket;
  private readonly pending = new Map<string, PendingCall>();
  private readonly timeoutMs: number;
  private nextEcho = 1;

  constructor(options: OneBotWsTransportOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** True while a socket is attached and open. */
  get connected(): boolean {
    return this.socket !== undefined && this.socket.readyState === this.socket.OPEN;
  }

  /** Uses `socket` for the following calls; calls already sent on an older socket keep waiting on it. */
  attach(socket: WebSocket): void {
    this.socket = socket;
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) this.onFrame(data.toString());
    });
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
      this.failPending(socket, 'the WebSocket closed before the reply');
    });
  }

  call(action: string, params: Record<string, unknown>): Promise<OneBotActionResponse> {
    const socket = this.socket;
    if (socket === undefined || socket.readyState !== socket.OPEN) {
      return Promise.reject(new ChannelError('onebot', `${action}: no OneBot connection`, { code: 'not_connected', retryable: true }));
    }
    const echo = `kefu-${this.nextEcho++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(echo);
        // Retryable, but the message may have been sent: the platform just did not answer in time.
        reject(new ChannelError('onebot', `${action}: no reply within ${this.timeoutMs} ms`, { code: 'timeout', retryable: true }));
      }, this.timeoutMs);
      this.pending.set(echo, { socket, action, resolve, reject, timer });
      socket.send(JSON.stringify({ action, params, echo }), (error) => {
        if (error) this.settle(echo)?.reject(new ChannelError('onebot', `${action}: ${error.message}`, { code: 'send_failed', retryable: true }));
      });
    });
  }

  private onFrame(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return; // Not ours to judge: the event handler on the same socket reports malformed frames.
    }
    if (!isActionResponse(frame) || frame.echo === undefined) return;
    this.settle(String(frame.echo))?.resolve(frame);
  }

  /** Removes a pending call and stops its timer; undefined when it already settled. */
  private settle(echo: string): PendingCall | undefined {
    const call = this.pending.get(echo);
    if (call === undefined) return undefined;
    clearTimeout(call.timer);
    this.pending.delete(echo);
    return call;
  }

  private failPending(socket: WebSocket, reason: string): void {
    for (const [echo, call] of this.pending) {
      if (call.socket !== socket) continue;
      this.settle(echo);
      call.reject(new ChannelError('onebot', `${call.action}: ${reason}`, { code: 'disconnected', retryable: true }));
    }
  }
}
