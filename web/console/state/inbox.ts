import { computed, signal } from '@preact/signals';
import type { ChatMessage, ListItem } from '../../../src/http/contract';
import { api } from '../api';
import { me } from './session';

export type InboxView = 'waiting' | 'mine' | 'all';

/** Every conversation the console knows of, by id, as the server last described it. */
export const conversations = signal<Record<string, ListItem>>({});
/** Customer messages not yet read, per conversation. */
export const unread = signal<Record<string, number>>({});
/** Conversations the customer is typing in (from the socket). */
export const typing = signal<Record<string, boolean>>({});
/** The inbox tab on screen (an automatic assignment switches it to "mine"). */
export const activeView = signal<InboxView>('waiting');
/** Chats this console is claiming right now: their assignment is no surprise. */
export const claiming = new Set<string>();

const time = (iso: string | undefined) => (iso ? Date.parse(iso) || 0 : 0);

/** Whether `item` belongs in `view` for the signed-in user. */
export function belongs(view: InboxView, item: ListItem): boolean {
  if (view === 'waiting') return item.status === 'waiting';
  if (view === 'mine') return item.status === 'assigned' && item.assignee?.id === me.value?.id;
  return true;
}

/** Waiting: serious complaints first, then the longest wait; the others: latest activity first. */
function order(view: InboxView): (a: ListItem, b: ListItem) => number {
  if (view === 'waiting') return (a, b) => b.priority - a.priority || time(a.waitingSince) - time(b.waitingSince);
  return (a, b) => time(b.lastMessageAt) - time(a.lastMessageAt);
}

const viewOf = (view: InboxView) => computed(() => Object.values(conversations.value).filter((c) => belongs(view, c)).sort(order(view)));
export const lists: Record<InboxView, ReturnType<typeof viewOf>> = { waiting: viewOf('waiting'), mine: viewOf('mine'), all: viewOf('all') };

/** Reloads a view from the server; conversations that left it are updated by the answer of the others. */
export async function load(view: InboxView): Promise<void> {
  const items = await api.inbox(view);
  const next = { ...conversations.value };
  // A conversation the server no longer lists in this view moved on: drop it unless another view has it.
  for (const [id, c] of Object.entries(next)) if (belongs(view, c) && !items.some((i) => i.id === id)) delete next[id];
  for (const item of items) next[item.id] = item;
  conversations.value = next;
}

/** Applies a `conversation` event; returns the conversation as it was before. */
export function upsert(item: ListItem): ListItem | undefined {
  const before = conversations.value[item.id];
  conversations.value = { ...conversations.value, [item.id]: item };
  return before;
}

/** Applies a `message` event to the preview; counts a customer message unread unless the chat is open. */
export function touch(conversationId: string, message: ChatMessage, isOpen: boolean): void {
  const item = conversations.value[conversationId];
  if (item && !message.internal) conversations.value = { ...conversations.value, [conversationId]: { ...item, lastMessagePreview: message.text.slice(0, 200), lastMessageAt: message.createdAt } };
  if (!isOpen && message.author === 'customer') unread.value = { ...unread.value, [conversationId]: (unread.value[conversationId] ?? 0) + 1 };
  if (message.author === 'customer') setTyping(conversationId, false);
}

export function markRead(conversationId: string): void {
  if (!unread.value[conversationId]) return;
  const next = { ...unread.value };
  delete next[conversationId];
  unread.value = next;
}

export function setTyping(conversationId: string, on: boolean): void {
  if (!!typing.value[conversationId] === on) return;
  typing.value = { ...typing.value, [conversationId]: on };
}

/** Forgets everything (sign-out). */
export function reset(): void {
  conversations.value = {};
  unread.value = {};
  typing.value = {};
  claiming.clear();
}
