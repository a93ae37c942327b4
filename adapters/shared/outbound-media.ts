import type { MediaStore } from '../../src/channels/channel-adapter';
import type { Attachment, OutboundMessage } from '../../src/core/message';
import { ChannelError } from '../../src/errors';

/** A stored file ready for a platform's upload. */
export interface OutboundFile {
  data: Buffer;
  filename: string;
  contentType: string;
  attachment: Attachment;
}

/** Whether the message has words to send besides its files (an agent's file goes with their name). */
export function hasText(message: OutboundMessage): boolean {
  return message.text.trim() !== '' || message.agent !== undefined || (message.quickReplies?.length ?? 0) > 0;
}

/** The message's files (those stored: an outbound file always is). */
export function filesOf(message: OutboundMessage): Attachment[] {
  return (message.attachments ?? []).filter((a) => !!a.fileId);
}

/** Reads a file from the store for its upload; a file gone from the store is a final failure. */
export async function readFile(platform: ChannelError['platform'], media: MediaStore, attachment: Attachment): Promise<OutboundFile> {
  let data: Buffer;
  try {
    data = await media.read(attachment.fileId ?? '');
  } catch (error) {
    throw new ChannelError(platform, `the file ${attachment.name ?? ''} is not in the file store`.replace('  ', ' '), { code: 'file_missing', retryable: false, cause: error });
  }
  return { data, filename: attachment.name ?? `${attachment.kind}`, contentType: attachment.mime ?? 'application/octet-stream', attachment };
}
