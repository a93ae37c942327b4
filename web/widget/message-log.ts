import type { ChatMessage } from '../shared/contract';
import type { OutboxItem } from './session-store';

/** Delivery of a message the customer typed here: queued offline, being sent, sent, or refused. */
export type LocalState = 'queued' | 'pending' | 'sent' | 'failed';

/** One line of the transcript as the widget shows it. */
export interface Entry {
  message: ChatMessage;
  /** Set on the customer's own messages typed in this browser until the server's copy arrives. */
  clientMessageId?: string;
  local?: LocalState;
  error?: string;
}

/**
 * The transcript in display order, without duplicates: the same message can arrive by the socket,
 * by polling and in an acknowledgement. The customer's own messages appear at once (pending) and
 * are matched to the server's copy when it arrives (the contract's message has no clientMessageId,
 * so the first unmatched local message with the same text is taken).
 */
export class MessageLog {
  readonly entries: Entry[] = [];
  private readonly ids = new Set<string>();

  /** Adds server messages; returns those that were new (for unread counts and sounds). */
  addServer(messages: ChatMessage[]): ChatMessage[] {
    const added: ChatMessage[] = [];
    for (const m of messages) {
      if (!m || typeof m.id !== 'string' || this.ids.has(m.id)) continue;
      this.ids.add(m.id);
      // A picture or file is shown when the server has it: it has no local copy to match.
      if (m.author === 'customer' && !m.attachments?.length) {
        const text = (m.text ?? '').trim();
        const own = this.entries.find((e) => e.clientMessageId && (text === '' || e.message.text.trim() === text));
        if (own) {
          own.message = text === '' ? { ...m, text: own.message.text } : m;
          own.local = undefined;
          own.clientMessageId = undefined;
          continue;
        }
      }
      // Confirmed messages go before what is still waiting to be sent from here.
      const firstUnsent = this.entries.findIndex((e) => e.local === 'queued' || e.local === 'pending' || e.local === 'failed');
      if (firstUnsent < 0) this.entries.push({ message: m });
      else this.entries.splice(firstUnsent, 0, { message: m });
      added.push(m);
    }
    return added;
  }

  /** Shows a message the customer just typed (or one restored from the outbox after a reload). */
  addLocal(item: OutboxItem, label: string, state: LocalState): void {
    if (this.entries.some((e) => e.clientMessageId === item.clientMessageId)) return;
    this.entries.push({
      message: { id: `local:${item.clientMessageId}`, author: 'customer', text: label, createdAt: item.createdAt },
      clientMessageId: item.clientMessageId,
      local: state,
    });
  }

  /** Updates the state of a local message. */
  mark(clientMessageId: string, state: LocalState, error?: string): void {
    const entry = this.entries.find((e) => e.clientMessageId === clientMessageId);
    if (!entry) return;
    entry.local = state;
    entry.error = error;
  }

  /** The line is down: what was being sent now waits ("等待发送") until it goes out. */
  holdPending(): void {
    for (const e of this.entries) if (e.local === 'pending') e.local = 'queued';
  }

  /** Forgets everything (a new conversation). */
  clear(): void {
    this.entries.length = 0;
    this.ids.clear();
  }

  /** The last message, if any. */
  get last(): Entry | undefined {
    return this.entries[this.entries.length - 1];
  }
}
