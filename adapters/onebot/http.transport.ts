import axios, { type AxiosInstance } from 'axios';
import { ChannelError } from '../../src/errors';
import { isActionResponse, type OneBotActionResponse, type OneBotTransport } from './onebot.api';

/** OneBot HTTP API: `POST <baseUrl>/<action>` with a JSON body and `Authorization: Bearer <token>`. */

export interface OneBotHttpTransportOptions {
  /** The implementation's HTTP API address, e.g. http://127.0.0.1:5700. */
  baseUrl: string;
  accessToken?: string;
  timeoutMs?: number;
}

/** Calls actions over HTTP; transport failures and 5xx are retryable, auth errors are not. */
export class OneBotHttpTransport implements OneBotTransport {
  private readonly http: AxiosInstance;

  constructor(options: OneBotHttpTransportOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 10_000,
      headers: options.accessToken ? { Authorization: `Bearer ${options.accessToken}` } : {},
      validateStatus: () => true,
    });
  }

  async call(action: string, params: Record<string, unknown>): Promise<OneBotActionResponse> {
    let status: number;
    let data: unknown;
    try {
      ({ status, data } = await this.http.post(`/${action}`, params));
    } catch (error) {
      // Not the AxiosError as cause: its config carries the access token header.
      const code = axios.isAxiosError(error) ? error.code : undefined;
      throw new ChannelError('onebot', `${action} failed: ${(error as Error).message}`, { code, retryable: true });
    }
    // Implementations answer 200 with status "failed" for refused actions: that body is the answer.
    if (status >= 200 && status < 300 && isActionResponse(data)) return data;
    throw new ChannelError('onebot', `${action} answered HTTP ${status}`, {
      code: `http_${status}`,
      retryable: status >= 500 || status === 429,
    });
  }
}
