/**
 * What the widget keeps in localStorage so a reload (or a lost connection) loses nothing: the
 * visitor's conversation and token, the messages not yet sent, the unread count and whether the
 * closed chat was rated. Falls back to memory when storage is unavailable (private mode, blocked).
 */

/** The visitor's conversation and the bearer token that proves it is theirs. */
export interface Session {
  conversationId: string;
  token: string;
  /** Set once the customer rated (or the server said it was rated) this conversation. */
  rated?: boolean;
}

/** A message typed by the customer and not yet acknowledged by the server. */
export interface OutboxItem {
  clientMessageId: string;
  text?: string;
  choice?: string;
  createdAt: string;
}

interface Stored {
  session?: Session;
  outbox: OutboxItem[];
  unread: number;
}

function openStorage(): Storage | undefined {
  try {
    const s = window.localStorage;
    const probe = '__kefu_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return undefined;
  }
}

/** localStorage under one key per server, read fresh each time so several tabs stay in step. */
export class SessionStore {
  private readonly storage = openStorage();
  private memory: Stored = { outbox: [], unread: 0 };
  private readonly key: string;

  constructor(serverOrigin: string) {
    this.key = `kefu-widget:${serverOrigin}`;
  }

  private read(): Stored {
    if (!this.storage) return this.memory;
    try {
      const raw = this.storage.getItem(this.key);
      const parsed = raw ? (JSON.parse(raw) as Partial<Stored>) : {};
      return { session: parsed.session, outbox: Array.isArray(parsed.outbox) ? parsed.outbox : [], unread: Number(parsed.unread) || 0 };
    } catch {
      return { outbox: [], unread: 0 };
    }
  }

  private write(update: (s: Stored) => void): void {
    const state = this.read();
    update(state);
    if (!this.storage) {
      this.memory = state;
      return;
    }
    try {
      this.storage.setItem(this.key, JSON.stringify(state));
    } catch {
      this.memory = state; // quota exceeded: keep going in memory
    }
  }

  /** The stored conversation, if any. */
  get session(): Session | undefined {
    const s = this.read().session;
    return s && typeof s.conversationId === 'string' && typeof s.token === 'string' ? s : undefined;
  }

  /** Replaces (or with undefined, forgets) the conversation; a new one starts with an empty outbox. */
  setSession(session: Session | undefined): void {
    this.write((s) => {
      if (s.session?.conversationId !== session?.conversationId) s.outbox = [];
      s.session = session;
      if (!session) s.unread = 0;
    });
  }

  /** Marks the current conversation rated. */
  markRated(): void {
    this.write((s) => {
      if (s.session) s.session.rated = true;
    });
  }

  /** The messages waiting to be sent, oldest first. */
  get outbox(): OutboxItem[] {
    return this.read().outbox;
  }

  /** Queues a message at the end. */
  enqueue(item: OutboxItem): void {
    this.write((s) => {
      s.outbox.push(item);
    });
  }

  /** Removes a message once the server acknowledged (or refused) it. */
  dequeue(clientMessageId: string): void {
    this.write((s) => {
      s.outbox = s.outbox.filter((i) => i.clientMessageId !== clientMessageId);
    });
  }

  /** Unread agent/bot messages while the panel was closed. */
  get unread(): number {
    return this.read().unread;
  }

  set unread(n: number) {
    this.write((s) => {
      s.unread = Math.max(0, n);
    });
  }
}

/** A client message id: random, `[A-Za-z0-9_-]`, as the contract allows. */
export function newClientMessageId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  let out = 'w';
  for (const b of bytes) out += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'[b & 63];
  return out;
}
