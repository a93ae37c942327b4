import { io, type Socket } from 'socket.io-client';
import { ApiError } from '../shared/http';
import type { ChatMessage, ConversationState } from '../shared/contract';
import type { ClientApi, Outgoing } from './client-api';
import type { OutboxItem, Session, SessionStore } from './session-store';
import { repliesFromAck, type Ack } from './socket-ack';

/** How the widget currently reaches the server. */
export type LinkState = 'connecting' | 'online' | 'polling' | 'offline';

/** What the connection reports to the widget. */
export interface ConnectionEvents {
  /** Messages from the server (socket, polling, acknowledgements); may repeat ids. */
  messages(list: ChatMessage[]): void;
  conversation(state: ConversationState): void;
  typing(on: boolean): void;
  link(state: LinkState): void;
  /** The server acknowledged a queued message. */
  sent(item: OutboxItem): void;
  /** The server refused a queued message for good; it was dropped from the queue. */
  rejected(item: OutboxItem, error: ApiError): void;
  /** The token no longer opens the conversation (expired, database reset). */
  invalid(): void;
}

const PAGE = 200;
const POLL_MS = 3000;
const POLL_HIDDEN_MS = 10000;
const ACK_TIMEOUT_MS = 10000;
/** Server-side failures of one message tolerated before it is given up (network failures are not counted). */
const MAX_SERVER_FAILURES = 5;

/**
 * The widget's line to the server: the `/widget` socket when it connects, REST polling when it
 * cannot; the outbox in localStorage is sent one message at a time, in order, after every
 * (re)connection. Resending is harmless: the server drops a repeated clientMessageId.
 */
export class ChatConnection {
  private socket?: Socket;
  private cursor?: string;
  private pollTimer?: ReturnType<typeof setTimeout>;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private socketRetry?: ReturnType<typeof setTimeout>;
  private flushing = false;
  private flushAgain = false;
  private catchingUp?: Promise<boolean>;
  private stopped = false;
  private failures = new Map<string, number>();
  private linkState?: LinkState;
  private readonly onOnline = () => this.wake();
  private readonly onOffline = () => this.lost();

  constructor(
    private readonly base: string,
    private readonly api: ClientApi,
    private readonly store: SessionStore,
    private readonly session: Session,
    private readonly on: ConnectionEvents,
  ) {}

  /** Loads the transcript, then opens the socket (falling back to polling). */
  async start(): Promise<void> {
    this.setLink('connecting');
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    await this.catchUp();
    if (!this.stopped) this.openSocket();
  }

  /** Closes the socket and stops every timer. */
  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    clearTimeout(this.pollTimer);
    clearTimeout(this.retryTimer);
    clearTimeout(this.socketRetry);
    this.pollTimer = undefined;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
  }

  /** Queues a message (already stored in the outbox by the caller) for sending. */
  kick(): void {
    void this.flush();
  }

  /** Tells the agent whether the customer is typing (socket only; dropped when polling). */
  typing(on: boolean): void {
    if (this.socket?.connected) this.socket.emit('typing', { on });
  }

  private openSocket(): void {
    const socket = io(`${this.base}/widget`, {
      auth: { conversationId: this.session.conversationId, token: this.session.token },
      // Long-polling first, then the upgrade to a WebSocket (WebTransport is not bundled: scripts/build-web.ts).
      transports: ['polling', 'websocket'],
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10000,
      timeout: 8000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      clearTimeout(this.socketRetry);
      this.stopPolling();
      this.alive();
      // Whatever happened while we were away, then what the customer typed meanwhile.
      void this.catchUp().then(() => this.flush());
    });
    socket.on('connect_error', (err: Error) => {
      if (!socket.active) {
        // Refused by the server (not a network failure): socket.io will not retry by itself.
        if (err.message === 'unauthorized') void this.catchUp(); // a 401/404 there ends the session
        clearTimeout(this.socketRetry);
        this.socketRetry = setTimeout(() => !this.stopped && socket.connect(), 15000);
      }
      this.startPolling();
    });
    socket.on('disconnect', (reason: string) => {
      if (this.stopped) return;
      if (reason === 'io server disconnect') this.socketRetry = setTimeout(() => socket.connect(), 2000);
      this.startPolling();
    });
    socket.on('message', (m: ChatMessage) => {
      if (!m || typeof m.id !== 'string') return;
      this.cursor = m.id;
      this.alive();
      this.on.messages([m]);
    });
    socket.on('typing', (p: { on?: boolean }) => {
      this.alive();
      this.on.typing(!!p?.on);
    });
    socket.on('conversation', (s: ConversationState) => {
      this.alive();
      if (s) this.on.conversation(s);
    });
  }

  private setLink(state: LinkState): void {
    if (this.stopped || state === this.linkState) return;
    this.linkState = state;
    this.on.link(state);
  }

  /**
   * Something came back from the server, so the line works whatever the browser said before: a
   * short blip (the browser's `offline`, then `online`) often leaves the socket's TCP connection
   * alive, and messages keep flowing on it without a new `connect`.
   */
  private alive(): void {
    // Without the socket, a late answer to a request sent before the browser went offline proves nothing.
    if (!this.socket?.connected && navigator.onLine === false) return;
    this.setLink(this.socket?.connected ? 'online' : 'polling');
  }

  /** No network: say so, and keep probing over REST until anything answers again. */
  private lost(): void {
    this.setLink('offline');
    this.startPolling();
  }

  /** Fetches everything after the cursor (from the start on the first call); false on failure. */
  private catchUp(): Promise<boolean> {
    if (!this.catchingUp) {
      this.catchingUp = this.fetchAfterCursor().finally(() => (this.catchingUp = undefined));
    }
    return this.catchingUp;
  }

  private async fetchAfterCursor(): Promise<boolean> {
    try {
      for (let page = 0; page < 50; page++) {
        const res = await this.api.messagesAfter(this.session, this.cursor);
        const messages = res.messages ?? [];
        if (res.cursor) this.cursor = res.cursor;
        else if (messages.length) this.cursor = messages[messages.length - 1].id;
        if (messages.length) this.on.messages(messages);
        if (res.conversation) this.on.conversation(res.conversation);
        if (messages.length < PAGE) break;
      }
      this.alive();
      return true;
    } catch (err) {
      this.handleFailure(err);
      return false;
    }
  }

  private handleFailure(err: unknown): void {
    const e = err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err));
    if (e.status === 401 || e.status === 404) this.on.invalid();
    else if (e.isNetwork && !this.socket?.connected) this.lost();
  }

  /** Polling runs while the socket is down, and while the link is believed lost (as a probe). */
  private needsPolling(): boolean {
    return !this.stopped && (!this.socket?.connected || this.linkState === 'offline');
  }

  private startPolling(): void {
    if (this.pollTimer || this.stopped) return;
    const tick = async () => {
      if (!this.needsPolling()) {
        this.pollTimer = undefined;
        return;
      }
      if (await this.catchUp()) await this.flush();
      if (!this.needsPolling()) {
        this.pollTimer = undefined;
        return;
      }
      this.pollTimer = setTimeout(() => void tick(), document.hidden ? POLL_HIDDEN_MS : POLL_MS);
    };
    this.pollTimer = setTimeout(() => void tick(), 500);
  }

  private stopPolling(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  /** The browser says the network is back: reconnect if needed and check with a real request. */
  private wake(): void {
    if (this.stopped) return;
    if (this.socket && !this.socket.connected) this.socket.connect();
    void this.catchUp().then(() => this.flush());
  }

  /** Sends the outbox in order, one message at a time; stops at the first retryable failure. */
  private async flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    clearTimeout(this.retryTimer);
    try {
      for (;;) {
        const item = this.store.outbox[0];
        if (!item || this.stopped) return;
        try {
          const replies = await this.deliver(item);
          this.store.dequeue(item.clientMessageId);
          this.failures.delete(item.clientMessageId);
          this.alive();
          this.on.sent(item);
          if (replies.length) this.on.messages(replies);
        } catch (err) {
          const e = err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err));
          if (e.status === 401 || e.status === 404) return this.on.invalid();
          const failures = e.isNetwork ? 0 : (this.failures.get(item.clientMessageId) ?? 0) + 1;
          this.failures.set(item.clientMessageId, failures);
          if (e.isRetryable && failures < MAX_SERVER_FAILURES) {
            if (e.isNetwork && !this.socket?.connected) this.lost();
            this.retryTimer = setTimeout(() => void this.flush(), Math.min(30000, 2000 * 2 ** failures));
            return;
          }
          this.store.dequeue(item.clientMessageId);
          this.on.rejected(item, e);
        }
      }
    } finally {
      this.flushing = false;
      if (this.flushAgain) {
        this.flushAgain = false;
        void this.flush();
      }
    }
  }

  private async deliver(item: OutboxItem): Promise<ChatMessage[]> {
    const payload: Outgoing = { clientMessageId: item.clientMessageId };
    if (item.text !== undefined) payload.text = item.text;
    if (item.choice !== undefined) payload.choice = item.choice;
    const socket = this.socket;
    if (!socket?.connected) return this.api.send(this.session, payload);
    let ack: Ack;
    try {
      ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message', payload)) as Ack;
    } catch {
      throw new ApiError(0, 'TIMEOUT', 'no acknowledgement');
    }
    return repliesFromAck(ack);
  }
}
