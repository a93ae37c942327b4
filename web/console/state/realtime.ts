import { signal } from '@preact/signals';
import { io, type Socket } from 'socket.io-client';
import type { ChatMessage, ListItem } from '../../../src/http/contract';
import type { Presence } from '../../../src/http/contract/enums';

/** What the `/console` socket reports. */
export interface ConsoleEvents {
  conversation(item: ListItem): void;
  message(conversationId: string, message: ChatMessage): void;
  typing(conversationId: string, on: boolean): void;
  presence(userId: string, presence: Presence): void;
  /** Connected again after a loss: whatever is shown is reloaded. */
  reconnected(): void;
}

/** Whether the realtime connection is up (the top bar says when it is not). */
export const connected = signal(true);

let socket: Socket | undefined;
/** Events other areas listen to (the back office's `notice`), applied on every connect. */
const extra = new Map<string, (payload: unknown) => void>();
export function onConsoleEvent(name: string, handler: (payload: unknown) => void): void {
  extra.set(name, handler);
}

/** Opens the console's socket (authenticated by the session cookie; reconnects by itself). */
export function connect(on: ConsoleEvents): void {
  disconnect();
  let wasDown = false;
  const s = io('/console', { withCredentials: true, reconnectionDelayMax: 10_000 });
  s.on('connect', () => {
    connected.value = true;
    if (wasDown) on.reconnected();
    wasDown = false;
  });
  const down = () => {
    connected.value = false;
    wasDown = true;
  };
  s.on('disconnect', down);
  s.on('connect_error', down);
  s.on('conversation', (item: ListItem) => item?.id && on.conversation(item));
  s.on('message', (p: { conversationId?: string; message?: ChatMessage }) => p?.conversationId && p.message && on.message(p.conversationId, p.message));
  s.on('typing', (p: { conversationId?: string; on?: boolean }) => p?.conversationId && on.typing(p.conversationId, !!p.on));
  s.on('presence', (p: { userId?: string; presence?: Presence }) => p?.userId && p.presence && on.presence(p.userId, p.presence));
  for (const [name, handler] of extra) s.on(name, handler);
  socket = s;
}

/** Tells the customer the agent is typing. */
export function sendTyping(conversationId: string, on: boolean): void {
  if (socket?.connected) socket.emit('typing', { conversationId, on });
}

/** Disconnects for good (sign-out). */
export function disconnect(): void {
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = undefined;
}
