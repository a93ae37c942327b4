import type { AdapterStatus } from '../../src/channels/channel-adapter';
import type { ChannelId } from '../../src/core/message';
import { scrubSecrets } from '../../src/logging/redact';

/**
 * What an adapter remembers for `status()` (shown by GET /healthz): when it last received and sent,
 * whether its connection is up, and the last error, so an admin sees a broken channel at a glance.
 */
export class StatusRecorder {
  connected = false;
  private lastReceivedAt?: Date;
  private lastSentAt?: Date;
  private lastError?: string;
  private readonly details: Record<string, unknown> = {};

  constructor(private readonly channel: ChannelId) {}

  received(): void {
    this.lastReceivedAt = new Date();
  }

  sent(): void {
    this.lastSentAt = new Date();
  }

  /**
   * Keeps the message only (never the error object: SDK errors can carry tokens in their config),
   * with tokens scrubbed: /healthz shows it, and a Telegram network error names the bot token.
   */
  failed(error: unknown): void {
    const message = scrubSecrets(error instanceof Error ? error.message : String(error));
    this.lastError = `${new Date().toISOString()} ${message}`.slice(0, 500);
  }

  /** Runs a send, recording its success or failure for status(); the error still reaches the caller. */
  async tracked<T>(send: () => Promise<T>): Promise<T> {
    try {
      const result = await send();
      this.sent();
      return result;
    } catch (error) {
      this.failed(error);
      throw error;
    }
  }

  /** Sets (or with undefined removes) an adapter-specific fact for admins. */
  detail(key: string, value: unknown): void {
    if (value === undefined) delete this.details[key];
    else this.details[key] = value;
  }

  snapshot(): AdapterStatus {
    return {
      channel: this.channel,
      enabled: true,
      connected: this.connected,
      lastReceivedAt: this.lastReceivedAt,
      lastSentAt: this.lastSentAt,
      lastError: this.lastError,
      ...(Object.keys(this.details).length > 0 ? { details: { ...this.details } } : {}),
    };
  }
}
