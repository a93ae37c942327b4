import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import type { ChannelId } from '../../src/core/message';
import { AppError, ChannelError } from '../../src/errors';
import { AccessTokenCache } from './access-token';

/**
 * The HTTP client both WeChat platforms share: WeCom and the Official Account answer HTTP 200 with an
 * `errcode`, take `access_token` in the query and expire tokens with the same error codes.
 */

/** A WeChat JSON answer; `errcode` is absent or 0 on success. */
export interface WeChatReply {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

/** What differs between WeCom and the Official Account: host, token endpoint, token errcodes. */
export interface WeChatApiClientOptions {
  platform: Extract<ChannelId, 'wecom' | 'wechat-mp'>;
  baseUrl: string;
  /** The token endpoint and its query (credentials); its answer has access_token and expires_in. */
  tokenRequest: { path: string; params: Record<string, string> };
  /** Errcodes meaning "this token is no longer good": refresh once and retry. */
  tokenErrcodes: readonly number[];
  timeoutMs?: number;
  refreshMarginMs?: number;
}

/** 45009: rate limited; -1: system busy. Both are worth retrying later. */
const RETRYABLE_ERRCODES = new Set([45009, -1]);

/** One per app credential: owns the axios instance and the token cache. */
export class WeChatApiClient {
  readonly tokens: AccessTokenCache;
  private readonly http: AxiosInstance;
  private readonly tokenErrcodes: ReadonlySet<number>;

  constructor(private readonly options: WeChatApiClientOptions) {
    // Every status is accepted here: the errcode in the body decides, not the HTTP status.
    this.http = axios.create({ baseURL: options.baseUrl, timeout: options.timeoutMs ?? 10_000, validateStatus: () => true });
    this.tokenErrcodes = new Set(options.tokenErrcodes);
    this.tokens = new AccessTokenCache({ fetchToken: () => this.fetchToken(), refreshMarginMs: options.refreshMarginMs });
  }

  /**
   * POSTs JSON with the current access token. A token errcode invalidates that token and retries
   * once with a new one; any other errcode becomes a ChannelError (retryable for 45009 and -1).
   */
  async postWithToken(path: string, body: unknown): Promise<WeChatReply> {
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.tokens.get();
      const reply = await this.request({ method: 'POST', url: path, params: { access_token: token }, data: body });
      if (reply.errcode !== undefined && this.tokenErrcodes.has(reply.errcode)) {
        this.tokens.invalidate(token);
        if (attempt === 1) continue;
      }
      return this.check(reply, path);
    }
  }

  /**
   * Downloads a file with the current access token (the media APIs answer the bytes, or JSON with
   * an errcode); a token errcode is refreshed and retried once, as for postWithToken.
   */
  async downloadWithToken(path: string, params: Record<string, string>, maxBytes: number): Promise<{ data: Buffer; contentType?: string; filename?: string }> {
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.tokens.get();
      let res: { status: number; data: ArrayBuffer; headers: Record<string, unknown> };
      try {
        res = await this.http.request({ method: 'GET', url: path, params: { ...params, access_token: token }, responseType: 'arraybuffer', maxContentLength: maxBytes });
      } catch (error) {
        if (axios.isAxiosError(error) && /maxContentLength/.test(error.message)) throw new AppError('FILE_TOO_LARGE');
        throw new ChannelError(this.options.platform, `${path} failed: ${(error as Error).message}`, { code: axios.isAxiosError(error) ? error.code : undefined, retryable: true });
      }
      const data = Buffer.from(res.data);
      const contentType = String(res.headers['content-type'] ?? '');
      if (res.status === 200 && !/json|text\/plain/i.test(contentType)) {
        const filename = /filename="?([^";]+)"?/i.exec(String(res.headers['content-disposition'] ?? ''))?.[1];
        return { data, contentType, filename };
      }
      let reply: WeChatReply;
      try {
        reply = JSON.parse(data.toString('utf8')) as WeChatReply;
      } catch {
        throw new ChannelError(this.options.platform, `${path} answered HTTP ${res.status} without a file`, { code: `http_${res.status}`, retryable: res.status >= 500 });
      }
      if (reply.errcode !== undefined && this.tokenErrcodes.has(reply.errcode)) {
        this.tokens.invalidate(token);
        if (attempt === 1) continue;
      }
      this.check(reply, path);
      throw new ChannelError(this.options.platform, `${path} answered without a file`, { code: 'no_file', retryable: false });
    }
  }

  /** Uploads a file (multipart field `media`) with the current access token; answers the platform's JSON. */
  async uploadWithToken(path: string, params: Record<string, string>, file: { data: Buffer; filename: string; contentType: string }): Promise<WeChatReply> {
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.tokens.get();
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(file.data)], { type: file.contentType }), file.filename);
      const reply = await this.request({ method: 'POST', url: path, params: { ...params, access_token: token }, data: form });
      if (reply.errcode !== undefined && this.tokenErrcodes.has(reply.errcode)) {
        this.tokens.invalidate(token);
        if (attempt === 1) continue;
      }
      return this.check(reply, path);
    }
  }

  private async fetchToken(): Promise<{ token: string; expiresInSeconds: number }> {
    const { path, params } = this.options.tokenRequest;
    const reply = this.check(await this.request({ method: 'GET', url: path, params }), path);
    if (typeof reply.access_token !== 'string' || reply.access_token === '') {
      throw new ChannelError(this.options.platform, `${path} answered without access_token`, { retryable: true });
    }
    const expiresIn = Number(reply.expires_in);
    return { token: reply.access_token, expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 7200 };
  }

  private async request(config: AxiosRequestConfig): Promise<WeChatReply> {
    const { platform } = this.options;
    let status: number;
    let data: unknown;
    try {
      ({ status, data } = await this.http.request(config));
    } catch (error) {
      // Not the AxiosError as cause: its config carries the secret or token of the query string.
      const code = axios.isAxiosError(error) ? error.code : undefined;
      throw new ChannelError(platform, `${config.url} failed: ${(error as Error).message}`, { code, retryable: true });
    }
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
      const reply = data as WeChatReply;
      if (reply.errcode === undefined || typeof reply.errcode === 'number') return reply;
    }
    const retryable = status >= 500 || status === 429;
    throw new ChannelError(platform, `${config.url} answered HTTP ${status} without a WeChat reply`, { code: `http_${status}`, retryable });
  }

  private check(reply: WeChatReply, path: string): WeChatReply {
    if (reply.errcode === undefined || reply.errcode === 0) return reply;
    throw new ChannelError(this.options.platform, `${path} errcode ${reply.errcode}: ${reply.errmsg ?? ''}`, {
      code: reply.errcode,
      retryable: RETRYABLE_ERRCODES.has(reply.errcode),
    });
  }
}
