import { ChannelError } from '../../src/errors';
import type { Segment } from './cq-code';

/**
 * OneBot v11 actions the service needs (send_private_msg, send_group_msg), over any transport: HTTP
 * (`POST <base>/<action>`) or the reverse WebSocket the implementation opened to us.
 */

/** The implementation's answer to an action. */
export interface OneBotActionResponse {
  status: 'ok' | 'async' | 'failed';
  retcode: number;
  data?: unknown;
  echo?: unknown;
  /** Error text some implementations add (go-cqhttp `msg`/`wording`, NapCat `message`). */
  msg?: string;
  message?: string;
  wording?: string;
}

/** How an action reaches the implementation; throws a retryable ChannelError when it cannot. */
export interface OneBotTransport {
  call(action: string, params: Record<string, unknown>): Promise<OneBotActionResponse>;
}

/** Plain text (sent with auto_escape, so it is never read as CQ code) or segments. */
export type OneBotOutgoing = string | readonly Segment[];

/** Sends messages through one transport; results are the implementation's message_id. */
export class OneBotApi {
  constructor(private readonly transport: OneBotTransport) {}

  /** Sends to a friend or a temporary session. */
  sendPrivateMsg(userId: number | string, message: OneBotOutgoing): Promise<{ messageId?: number | string }> {
    return this.send('send_private_msg', { user_id: toId(userId) }, message);
  }

  /** Sends to a group; mention the customer with an `at` segment if needed. */
  sendGroupMsg(groupId: number | string, message: OneBotOutgoing): Promise<{ messageId?: number | string }> {
    return this.send('send_group_msg', { group_id: toId(groupId) }, message);
  }

  private async send(action: string, target: Record<string, unknown>, message: OneBotOutgoing): Promise<{ messageId?: number | string }> {
    const params = typeof message === 'string' ? { ...target, message, auto_escape: true } : { ...target, message };
    const data = checkResponse(action, await this.transport.call(action, params));
    const messageId = (data as { message_id?: unknown } | undefined)?.message_id;
    return { messageId: typeof messageId === 'number' || typeof messageId === 'string' ? messageId : undefined };
  }
}

/**
 * Returns `data` of a successful response (status ok, or async: accepted for later) and throws a
 * non-retryable ChannelError with the retcode otherwise: a refused send does not improve on retry.
 */
export function checkResponse(action: string, response: OneBotActionResponse): unknown {
  if (response.status === 'ok' || response.status === 'async') return response.data;
  const detail = response.wording ?? response.message ?? response.msg ?? '';
  throw new ChannelError('onebot', `${action} failed: retcode ${response.retcode} ${detail}`.trim(), {
    code: response.retcode,
    retryable: false,
  });
}

/** Implementations want numbers for ids; numeric strings from storage are converted. */
function toId(id: number | string): number | string {
  return typeof id === 'string' && /^\d{1,15}$/.test(id) ? Number(id) : id;
}

/** True when a parsed frame looks like an action response (not an event). */
export function isActionResponse(frame: unknown): frame is OneBotActionResponse {
  if (typeof frame !== 'object' || frame === null) return false;
  const { status, retcode } = frame as Record<string, unknown>;
  return (status === 'ok' || status === 'async' || status === 'failed') && typeof retcode === 'number';
}
