import type { Logger } from 'pino';
import { Conversation } from '../../domain/conversation/conversation.model';
import type { Outbox } from '../outbox';
import type { TurnProcessor } from './turn-processor';

const BATCH = 200;

/**
 * Resumes what a crash left behind, at start-up and on a timer, on every instance (each step is a
 * compare-and-set, so instances sweeping together do nothing twice): conversations with turns
 * waiting and nobody's lease (a queued id whose message was never written is dropped there, see
 * TurnProcessor); outbound deliveries nobody holds.
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
    const stuck = await Conversation.find({ pending: { $type: 'objectId' }, leaseUntil: { $lt: now } }, { _id: 1 }).limit(BATCH).lean();
    await Promise.all(stuck.map((c) => this.deps.turns.kick(c._id)));
    const delivered = await this.deps.outbox.resume();
    if (stuck.length || delivered) this.deps.log.warn({ conversations: stuck.length, deliveries: delivered }, 'resumed work left pending');
  }
}
