import { testServiceConfig } from '../../helpers/service-config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { startService, type Service } from '../../../src/service';
import type { ChannelId } from '../../../src/core/message';
import { Message } from '../../../src/domain/message/message.model';
import { testLogger } from '../../helpers/logger';

/** The whole service (as `npm start` runs it) with one channel's variables, on a fresh test database. */
export interface ChannelService {
  service: Service;
  close(): Promise<void>;
}

/** Starts the real service; `env` holds the channel's variables (API bases pointing at local fakes), `log` where it logs. */
export async function startChannelService(label: string, env: Record<string, string>, log: Logger = testLogger): Promise<ChannelService> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kefu-${label}-`));
  const config = testServiceConfig(label, { DATA_DIR: dataDir, COMPANY_NAME: '安心家政', ...env });
  const service = await startService(config, log);
  return {
    service,
    async close() {
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await service.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until `check` returns a truthy value (polling every 20 ms); fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The customer's messages stored for a channel. */
export function inboundOf(channel: ChannelId) {
  return Message.find({ channel, direction: 'in' }).sort({ _id: 1 }).lean();
}

/** The bot's replies to one inbound message once they are all delivered or failed. */
export async function settledRepliesTo(channel: ChannelId, channelMessageId: string) {
  return eventually(async () => {
    const inbound = await Message.findOne({ channel, channelMessageId }).lean();
    if (!inbound) return undefined;
    const out = await Message.find({ replyTo: inbound._id }).sort({ _id: 1 }).lean();
    return out.length > 0 && out.every((m) => m.delivery?.state !== 'pending') ? out : undefined;
  }, `the replies to ${channel} message ${channelMessageId}`);
}
