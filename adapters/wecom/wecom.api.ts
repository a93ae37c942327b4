import { ChannelError } from '../../src/errors';
import { WeChatApiClient } from '../shared/wechat-api.client';
import { splitText } from '../shared/split-text';

/** WeCom self-built app: gettoken, message/send (text, image, file) and media get/upload against a configurable host. */

export interface WeComApiOptions {
  corpId: string;
  corpSecret: string;
  /** The app's AgentId, sent with every message. */
  agentId: number;
  /** Default https://qyapi.weixin.qq.com; tests point it at a local fake. */
  baseUrl?: string;
  timeoutMs?: number;
  refreshMarginMs?: number;
}

/** A text message/send content may not exceed 2048 bytes. */
export const WECOM_TEXT_LIMIT_BYTES = 2048;

// 40014 invalid token, 42001 token expired, 41001 token missing.
const TOKEN_ERRCODES = [40014, 42001, 41001];

/** One per WeCom app; the access token is cached and shared by every send. */
export class WeComApi {
  private readonly client: WeChatApiClient;
  private readonly agentId: number;

  constructor(options: WeComApiOptions) {
    this.client = new WeChatApiClient({
      platform: 'wecom',
      baseUrl: options.baseUrl ?? 'https://qyapi.weixin.qq.com',
      tokenRequest: { path: '/cgi-bin/gettoken', params: { corpid: options.corpId, corpsecret: options.corpSecret } },
      tokenErrcodes: TOKEN_ERRCODES,
      timeoutMs: options.timeoutMs,
      refreshMarginMs: options.refreshMarginMs,
    });
    this.agentId = options.agentId;
  }

  /**
   * Sends text to a member (userid), as several messages in order when it exceeds 2048 bytes. Throws
   * ChannelError at the first part that fails; to retry part by part, split with `splitWeComText`
   * first and send each part through the send queue.
   */
  async sendText(toUser: string, content: string): Promise<void> {
    const parts = splitWeComText(content);
    if (parts.length === 0) throw new ChannelError('wecom', 'refusing to send an empty text', { code: 'empty_text', retryable: false });
    for (const part of parts) {
      await this.client.postWithToken('/cgi-bin/message/send', {
        touser: toUser,
        msgtype: 'text',
        agentid: this.agentId,
        text: { content: part },
      });
    }
  }

  /** A picture, voice or video a member sent (`media/get` by MediaId; valid for three days). */
  async downloadMedia(mediaId: string, maxBytes: number): Promise<Buffer> {
    return (await this.client.downloadWithToken('/cgi-bin/media/get', { media_id: mediaId }, maxBytes)).data;
  }

  /** Uploads a file as temporary media (`media/upload`) and sends it to the member (`message/send`). */
  async sendMedia(toUser: string, type: WeComMediaType, file: { data: Buffer; filename: string; contentType: string }): Promise<void> {
    const uploaded = await this.client.uploadWithToken('/cgi-bin/media/upload', { type }, file);
    if (typeof uploaded.media_id !== 'string') throw new ChannelError('wecom', '/cgi-bin/media/upload answered without media_id', { code: 'no_media_id', retryable: true });
    await this.client.postWithToken('/cgi-bin/message/send', { touser: toUser, msgtype: type, agentid: this.agentId, [type]: { media_id: uploaded.media_id } });
  }
}

/** Media types of WeCom's upload and message/send. */
export type WeComMediaType = 'image' | 'voice' | 'video' | 'file';

/** The parts a text becomes: each at most 2048 UTF-8 bytes, cut between characters. */
export function splitWeComText(content: string): string[] {
  return splitText(content, WECOM_TEXT_LIMIT_BYTES, 'utf8-bytes');
}
