import { ChannelError } from '../../src/errors';
import { WeChatApiClient } from '../shared/wechat-api.client';
import { splitText } from '../shared/split-text';

/** WeChat Official Account (公众号): token, customer-service message/custom/send (text, image) and the media API. */

export interface WeChatMpApiOptions {
  appId: string;
  appSecret: string;
  /** Default https://api.weixin.qq.com; tests point it at a local fake. */
  baseUrl?: string;
  timeoutMs?: number;
  refreshMarginMs?: number;
}

/** Text content is limited to 2048 bytes, as for WeCom. */
export const WECHAT_MP_TEXT_LIMIT_BYTES = 2048;

// 40014/42001/41001 as WeCom, plus 40001: the Official Account answers it when another fetch of a
// token (another instance, the WeChat console) has replaced ours.
const TOKEN_ERRCODES = [40014, 42001, 41001, 40001];

/** One per Official Account. Only one instance may fetch tokens: each fetch revokes the last one. */
export class WeChatMpApi {
  private readonly client: WeChatApiClient;

  constructor(options: WeChatMpApiOptions) {
    this.client = new WeChatApiClient({
      platform: 'wechat-mp',
      baseUrl: options.baseUrl ?? 'https://api.weixin.qq.com',
      tokenRequest: {
        path: '/cgi-bin/token',
        params: { grant_type: 'client_credential', appid: options.appId, secret: options.appSecret },
      },
      tokenErrcodes: TOKEN_ERRCODES,
      timeoutMs: options.timeoutMs,
      refreshMarginMs: options.refreshMarginMs,
    });
  }

  /**
   * Sends text to a follower (openid) within 48 h of their last message, in several messages when
   * it exceeds 2048 bytes. Errcode 45015 (window closed) and 45047 (too many replies) are final.
   */
  async sendText(toUser: string, content: string): Promise<void> {
    const parts = splitWeChatMpText(content);
    if (parts.length === 0) throw new ChannelError('wechat-mp', 'refusing to send an empty text', { code: 'empty_text', retryable: false });
    for (const part of parts) {
      await this.client.postWithToken('/cgi-bin/message/custom/send', {
        touser: toUser,
        msgtype: 'text',
        text: { content: part },
      });
    }
  }

  /** A picture, voice or video a follower sent (`media/get` by MediaId; kept three days). */
  async downloadMedia(mediaId: string, maxBytes: number): Promise<Buffer> {
    return (await this.client.downloadWithToken('/cgi-bin/media/get', { media_id: mediaId }, maxBytes)).data;
  }

  /** Uploads a picture as temporary media and sends it as a customer-service image message. */
  async sendImage(toUser: string, file: { data: Buffer; filename: string; contentType: string }): Promise<void> {
    const uploaded = await this.client.uploadWithToken('/cgi-bin/media/upload', { type: 'image' }, file);
    if (typeof uploaded.media_id !== 'string') throw new ChannelError('wechat-mp', '/cgi-bin/media/upload answered without media_id', { code: 'no_media_id', retryable: true });
    await this.client.postWithToken('/cgi-bin/message/custom/send', { touser: toUser, msgtype: 'image', image: { media_id: uploaded.media_id } });
  }
}

/** The parts a text becomes: each at most 2048 UTF-8 bytes, cut between characters. */
export function splitWeChatMpText(content: string): string[] {
  return splitText(content, WECHAT_MP_TEXT_LIMIT_BYTES, 'utf8-bytes');
}
