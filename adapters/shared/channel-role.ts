import type { Logger } from 'pino';
import type { RoleLeases } from '../../src/channels/channel-adapter';

export interface ChannelRoleOptions {
  ttlMs?: number;
  /** Renewal period; also how often a waiting instance tries to take a free role. */
  renewMs?: number;
  log: Logger;
  /** Called when this instance gains the role (e.g. to start the puppet, send what waited). */
  onGained?: () => void | Promise<void>;
  /** Called when a renewal fails: another instance took the role over. */
  onLost?: () => void | Promise<void>;
}

/**
 * A platform connection that exists once (the OneBot reverse WebSocket, a wechaty login) belongs
 * to one service instance at a time. The holder renews its lease; when it dies the lease runs out
 * and an instance that `pursue`s the role takes over. Other instances leave their messages in the
 * outbox for the holder.
 */
export class ChannelRole {
  private timer?: NodeJS.Timeout;
  private held = false;
  private readonly ttlMs: number;
  private readonly renewMs: number;

  constructor(private readonly key: string, private readonly leases: RoleLeases, private readonly options: ChannelRoleOptions) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.renewMs = options.renewMs ?? 10_000;
  }

  /** Whether this instance holds the role now. */
  get holds(): boolean {
    return this.held;
  }

  /** Takes the role now (forced: the platform moved its one connection to us) and keeps renewing it. */
  async claim(force: boolean): Promise<boolean> {
    const taken = await this.leases.take(this.key, this.ttlMs, force).catch((err: unknown) => {
      this.options.log.error({ err, role: this.key }, 'role lease could not be taken');
      return false;
    });
    // Renewals start now: gaining the role may take longer than the lease (wechaty loads for seconds).
    this.schedule();
    if (taken && !this.held) {
      this.held = true;
      await this.gained();
    }
    return taken;
  }

  /** Waits for the role: tries now, then at every renewal period until it is ours. */
  pursue(): Promise<boolean> {
    return this.claim(false);
  }

  /** Gives the role up (the connection closed, or the service stops). */
  async release(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.held) return;
    this.held = false;
    await this.leases.release(this.key).catch((err: unknown) => this.options.log.warn({ err, role: this.key }, 'role lease could not be released'));
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), this.renewMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.schedule();
    const was = this.held;
    const ok = await this.leases.take(this.key, this.ttlMs).catch(() => false);
    if (ok && !was) {
      this.held = true;
      this.options.log.info({ role: this.key }, 'took over the channel role');
      await this.gained();
    } else if (!ok && was) {
      this.held = false;
      this.options.log.warn({ role: this.key }, 'another instance took over the channel role');
      await Promise.resolve(this.options.onLost?.()).catch((err: unknown) => this.options.log.error({ err, role: this.key }, 'the channel role could not be given up cleanly'));
    }
  }

  /** Starts what the role runs; a failure is logged and the role given back. */
  private async gained(): Promise<void> {
    try {
      await this.options.onGained?.();
    } catch (err) {
      // Given back (another instance may manage), and tried again here at the next renewal period.
      this.options.log.error({ err, role: this.key }, 'the channel role could not be started here; giving it up for now');
      this.held = false;
      await this.leases.release(this.key).catch(() => undefined);
    }
  }
}
