import { api } from './api';
import type { ChatMessage, InboxView, ListItem, User } from './types';

/** Waiting: serious complaints first, then the longest wait; the others: latest activity first. */
function order(view: InboxView): (a: ListItem, b: ListItem) => number {
  if (view === 'waiting') {
    return (a, b) => (b.priority ?? 0) - (a.priority ?? 0) || (Date.parse(a.waitingSince ?? '') || 0) - (Date.parse(b.waitingSince ?? '') || 0);
  }
  return (a, b) => (Date.parse(b.lastMessageAt ?? '') || 0) - (Date.parse(a.lastMessageAt ?? '') || 0);
}

/** What changed when a conversation event came in. */
export interface UpsertResult {
  /** It was not waiting before and is now: a new customer in the queue. */
  newlyWaiting: boolean;
}

/**
 * The three inbox lists, kept current from the socket: an updated conversation moves between
 * "waiting", "mine" and "all" by its status and assignee. Unread counts are per conversation.
 */
export class InboxStore {
  private readonly lists: Record<InboxView, Map<string, ListItem>> = { waiting: new Map(), mine: new Map(), all: new Map() };
  private readonly loaded = new Set<InboxView>();
  private readonly unread = new Map<string, number>();

  constructor(private readonly me: () => User) {}

  /** Whether `item` belongs in `view`. */
  private belongs(view: InboxView, item: ListItem): boolean {
    if (view === 'waiting') return item.status === 'waiting';
    if (view === 'mine') return item.status === 'assigned' && item.assignee?.id === this.me().id;
    return true;
  }

  /** Reloads one view from the server. */
  async load(view: InboxView): Promise<void> {
    const items = await api.inbox(view);
    const list = this.lists[view];
    list.clear();
    for (const item of items) list.set(item.id, item);
    this.loaded.add(view);
  }

  /** The items of a view, sorted for display. */
  items(view: InboxView): ListItem[] {
    return [...this.lists[view].values()].sort(order(view));
  }

  /** The number of items in a view (tab badges). */
  count(view: InboxView): number {
    return this.lists[view].size;
  }

  /** The freshest copy of a conversation in any list. */
  find(id: string): ListItem | undefined {
    return this.lists.mine.get(id) ?? this.lists.waiting.get(id) ?? this.lists.all.get(id);
  }

  /** Applies a `conversation` event. */
  upsert(item: ListItem): UpsertResult {
    const newlyWaiting = item.status === 'waiting' && !this.lists.waiting.has(item.id);
    for (const view of ['waiting', 'mine', 'all'] as InboxView[]) {
      if (view === 'all' && !this.loaded.has('all')) continue;
      if (this.belongs(view, item)) this.lists[view].set(item.id, { ...this.lists[view].get(item.id), ...item });
      else this.lists[view].delete(item.id);
    }
    return { newlyWaiting };
  }

  /** Applies a `message` event to the previews; counts it unread unless that chat is open. */
  touch(conversationId: string, message: ChatMessage, isOpen: boolean): void {
    for (const list of Object.values(this.lists)) {
      const item = list.get(conversationId);
      if (!item || message.internal) continue;
      item.lastMessagePreview = message.text.slice(0, 200);
      item.lastMessageAt = message.createdAt;
    }
    if (!isOpen && message.author === 'customer') this.unread.set(conversationId, (this.unread.get(conversationId) ?? 0) + 1);
  }

  /** Whether the signed-in agent serves this conversation. */
  isMine(conversationId: string): boolean {
    return this.lists.mine.has(conversationId);
  }

  unreadOf(conversationId: string): number {
    return this.unread.get(conversationId) ?? 0;
  }

  markRead(conversationId: string): void {
    this.unread.delete(conversationId);
  }
}
