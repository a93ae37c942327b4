import type { Logger } from 'pino';
import type { Inbox, ReceiveOptions, ReceiveResult } from '../../src/channels/channel-adapter';
import type { InboundMessage } from '../../src/core/message';
import type { StatusRecorder } from './adapter-status';

/** What every adapter's inbound side needs: the service's inbox, its status and a logger. */
export interface InboundDeps {
  inbox: Inbox;
  status: StatusRecorder;
  log: Logger;
}

/**
 * Hands a normalised message to the inbox. It is stored (once per channel message id) before this
 * resolves, so the webhook may acknowledge right after; the turn runs on and its replies go out
 * through the adapter's send() unless `inlineReplies` asks for them in the result.
 */
export async function storeInbound(deps: InboundDeps, message: InboundMessage, options?: ReceiveOptions): Promise<ReceiveResult> {
  const result = await deps.inbox.receive(message, options);
  deps.status.received();
  if (result.duplicate) deps.log.debug({ channel: message.channel, channelMessageId: message.channelMessageId }, 'retried delivery: already stored');
  // Nobody awaits the replies here; a failed turn is already logged (and apologised for) by the service.
  if (!options?.inlineReplies) result.replies.catch((err: unknown) => deps.log.debug({ err, channel: message.channel }, 'turn ended without replies'));
  return result;
}

/** What an agent sees for a message that is not text (a picture, a voice message…): "[image]". */
export function placeholderText(kind: string): string {
  return `[${kind}]`;
}
