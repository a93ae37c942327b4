import { EventEmitter } from 'node:events';
import type { MessageRecord } from '../domain/message/message.model';
import type { ConversationRecord } from '../domain/conversation/conversation.model';
import type { UserDoc } from '../domain/user/user.model';

/** What services announce after a change is stored; listeners push to sockets or send to channels. */
export interface ServiceEvents {
  'message.created': { message: MessageRecord; conversation: ConversationRecord };
  'conversation.updated': { conversation: ConversationRecord; change: 'handoff' | 'assigned' | 'transferred' | 'returned' | 'closed' | 'rated' | 'updated' };
  'message.delivery': { message: MessageRecord };
  /** An agent's presence changed (online agents take waiting chats). */
  'agent.presence': { user: UserDoc };
  /** A console session ended (sign-out): its sockets are disconnected. */
  'session.ended': { sessionId: string; userId: string };
}

/** A typed event bus; a listener's error is logged by the bus owner, never thrown at the emitter. */
export class EventBus {
  private readonly emitter = new EventEmitter({ captureRejections: true });

  constructor(private readonly onError: (err: unknown, event: string) => void) {
    this.emitter.setMaxListeners(50);
  }

  on<K extends keyof ServiceEvents>(event: K, listener: (payload: ServiceEvents[K]) => void | Promise<void>): void {
    this.emitter.on(event, (payload: ServiceEvents[K]) => {
      try {
        const result = listener(payload);
        if (result instanceof Promise) result.catch((err) => this.onError(err, event));
      } catch (err) {
        this.onError(err, event);
      }
    });
  }

  emit<K extends keyof ServiceEvents>(event: K, payload: ServiceEvents[K]): void {
    this.emitter.emit(event, payload);
  }
}
