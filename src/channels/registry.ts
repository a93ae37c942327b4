import type { ChannelId } from '../core/message';
import type { AdapterStatus, ChannelAdapter } from './channel-adapter';

/** The adapters that are on (their variables are set); web and api need none. */
export class AdapterRegistry {
  private readonly adapters = new Map<ChannelId, ChannelAdapter>();

  register(adapter: ChannelAdapter): void {
    if (this.adapters.has(adapter.channel)) throw new Error(`an adapter for ${adapter.channel} is already registered`);
    this.adapters.set(adapter.channel, adapter);
  }

  get(channel: ChannelId): ChannelAdapter | undefined {
    return this.adapters.get(channel);
  }

  has(channel: ChannelId): boolean {
    return this.adapters.has(channel);
  }

  all(): ChannelAdapter[] {
    return [...this.adapters.values()];
  }

  statuses(): AdapterStatus[] {
    return this.all().map((a) => a.status());
  }

  async startAll(): Promise<void> {
    for (const adapter of this.adapters.values()) await adapter.start();
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled(this.all().map((a) => a.stop()));
  }
}
