import { io, type Socket } from 'socket.io-client';
import type { ChatMessage, ListItem } from './types';

/** What the `/console` socket reports. */
export interface ConsoleEvents {
  conversation(item: ListItem): void;
  message(conversationId: string, message: ChatMessage): void;
  typing(conversationId: string, on: boolean): void;
  /** Connected (true) or lost (false); after a reconnect the app reloads what it shows. */
  connection(up: boolean): void;
}

/** The console's socket: authenticated by the session cookie, reconnecting by itself. */
export class ConsoleSocket {
  private readonly socket: Socket;

  constructor(on: ConsoleEvents) {
    this.socket = io('/console', { withCredentials: true, reconnectionDelayMax: 10000 });
    this.socket.on('connect', () => on.connection(true));
    this.socket.on('disconnect', () => on.connection(false));
    this.socket.on('connect_error', () => on.connection(false));
    this.socket.on('conversation', (item: ListItem) => item?.id && on.conversation(item));
    this.socket.on('message', (p: { conversationId?: string; message?: ChatMessage }) => p?.conversationId && p.message && on.message(p.conversationId, p.message));
    this.socket.on('typing', (p: { conversationId?: string; on?: boolean }) => p?.conversationId && on.typing(p.conversationId, !!p.on));
  }

  /** Tells the customer the agent is typing. */
  typing(conversationId: string, on: boolean): void {
    if (this.socket.connected) this.socket.emit('typing', { conversationId, on });
  }

  /** Disconnects for good (sign-out). */
  close(): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}
