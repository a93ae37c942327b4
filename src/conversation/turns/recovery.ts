import type { Logger } from 'pino';
import { Conversation } from '../../domain/conversation/conversation.model';
import { Message } from '../../domain/message/message.model';
import type { Outbox } from '../outbox';
import type { TurnProcessor } from './turn-processor';

/** An inbound message this old and still pending was never queued (its instance died in between). */
const ORPHAN_AGE_MS = 30_000;
const BATCH = 200;

/**
 * Resumes what a crash left behind, at start-up and on a timer, on every instance (each step is a
 * compare-and-set, so instances sweeping together do nothing twice): conversations with turns
 * waiting and nobody's lease; inbound messages stored but never queued (or whose turn committed
 * without the message being marked); outbound deliveries nobody holds.
 */
export class Recovery {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly deps: { turns: TurnProcessor; outbox: Outbox; log: Logger; intervalMs: number; now?: () => Date }) {}

  start(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.deps.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; a pass already running is joined, not doubled. */
  sweep(): Promise<void> {
    this.running ??= this.pass()
      .catch((err) => this.deps.log.error({ err }, 'recovery sweep failed'))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<void> {
    const now = this.deps.now?.() ?? new Date();
    const requeued = await this.requeueOrphans(now);
    const stuck = await Conversation.find({ pending: { $type: 'objectId' }, leaseUntil: { $lt: now } }, { _id: 1 }).limit(BATCH).lean();
    await Promise.all(stuck.map((c) => this.deps.turns.kick(c._id)));
    const delivered = await this.deps.outbox.resume();
    if (requeued || stuck.length || delivered) this.deps.log.warn({ requeued, conversations: stuck.length, deliveries: delivered }, 'resumed work left pending');
  }

  private async requeueOrphans(now: Date): Promise<number> {
    const orphans = await Message.find({ processed: 'pending', createdAt: { $lt: new Date(now.getTime() - ORPHAN_AGE_MS) } }, { conversation: 1 }).limit(BATCH).lean();
    let requeued = 0;
    for (const m of orphans) {
      const c = await Conversation.findById(m.conversation, { pending: 1, turns: 1 }).lean();
      if (!c) {
        await Message.updateOne({ _id: m._id }, { $set: { processed: 'failed' } });
      } else if (c.turns.some((id) => id.equals(m._id))) {
        // The turn committed; its instance died before marking the message.
        await Message.updateOne({ _id: m._id, processed: 'pending' }, { $set: { processed: 'done' } });
      } else if (!c.pending.some((id) => id.equals(m._id))) {
        await Conversation.updateOne({ _id: c._id, pending: { $ne: m._id } }, { $push: { pending: m._id } });
        requeued += 1;
      }
    }
    return requeued;
  }
}
