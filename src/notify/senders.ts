import type { SmsSender } from '../domain/order/order-updates';
import { postJson } from './post-json';

export type { SmsSender } from '../domain/order/order-updates';

/** Sends an e-mail (alerts). SMTP needs a mail library (nodemailer is not installed): this is the seam for one. */
export interface EmailSender {
  send(to: string[], subject: string, text: string): Promise<void>;
}

/** Sends a WeCom app message (企业微信应用消息) to members, `a|b|c` or `@all`. */
export interface WeComSender {
  sendText(toUser: string, text: string): Promise<void>;
}

/**
 * SMS through an HTTP gateway: POST {to, text} as JSON, bearer token. Most SMS providers (Aliyun,
 * Tencent Cloud) are reached through a small relay that takes this shape and signs for them.
 */
export function smsWebhook(url: string, token?: string): SmsSender {
  return { send: (to, text) => postJson(url, { to, text }, token) };
}

/** E-mail through an HTTP mail relay: POST {to, subject, text} as JSON, bearer token. */
export function mailWebhook(url: string, token?: string): EmailSender {
  return { send: (to, subject, text) => postJson(url, { to, subject, text }, token) };
}
