import axios from 'axios';
import type { InboundFile, ReceiveOptions } from '../../src/channels/channel-adapter';
import type { Attachment, ChannelId, InboundMessage } from '../../src/core/message';
import { AppError, ChannelError } from '../../src/errors';
import type { AdapterContext } from './adapter-context';
import { storeInbound, type InboundDeps } from './inbound';

/** The store key of a platform message's file: a retried delivery names the same one. */
export function mediaKey(channel: ChannelId, channelMessageId: string, index = 0): string {
  return `${channel}:${channelMessageId}:${index}`;
}

/**
 * Downloads a file from a platform URL, refusing (FILE_TOO_LARGE) beyond `maxBytes` while it
 * arrives, so nothing larger than the store takes is ever held in memory.
 */
export async function download(platform: ChannelId, url: string, maxBytes: number, headers: Record<string, string> = {}): Promise<Buffer> {
  try {
    const res = await axios.get<ArrayBuffer>(url, { responseType: 'arraybuffer', maxContentLength: maxBytes, timeout: 30_000, headers });
    return Buffer.from(res.data);
  } catch (error) {
    if (axios.isAxiosError(error) && /maxContentLength/.test(error.message)) throw new AppError('FILE_TOO_LARGE');
    const status = axios.isAxiosError(error) ? error.response?.status : undefined;
    // Not the AxiosError as cause: its config carries the URL, which may hold a token (Telegram).
    throw new ChannelError(platform, `download failed${status ? `: HTTP ${status}` : ''}`, { code: status ? `http_${status}` : 'download_failed', retryable: true });
  }
}

/**
 * Stores an inbound message with its files: each file goes to the file store first (once per
 * key: a retry of the delivery downloads nothing), one that cannot be had becomes an attachment
 * that says why, then the message is received as any other.
 */
export async function storeInboundWithMedia(deps: InboundDeps & { media: AdapterContext['media'] }, message: InboundMessage, files: InboundFile[], options?: ReceiveOptions) {
  const attachments: Attachment[] = [];
  for (const file of files) {
    attachments.push(await deps.media.storeInbound(file, (err) => deps.log.warn({ err, channel: message.channel, key: file.key }, 'a file of an inbound message could not be fetched')));
  }
  return storeInbound(deps, attachments.length ? { ...message, attachments } : message, options);
}
