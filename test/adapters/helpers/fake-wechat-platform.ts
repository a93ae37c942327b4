import { FakeHttpServer, type FakeResponse, type RecordedCall } from './fake-http-server';

/** Both platforms' media API: `media/get` by media_id, `media/upload` (multipart field `media`). */
export const MEDIA_GET = '/cgi-bin/media/get';
export const MEDIA_UPLOAD = '/cgi-bin/media/upload';

/**
 * A fake WeCom / Official Account API: hands out token-1, token-2… from the token path, refuses sends
 * with any token but the newest (as the Official Account does), and answers scripted errcodes. Its
 * media API serves the files put in `media` (errcode 40007 for an unknown id) and takes uploads.
 */
export class FakeWeChatPlatform {
  readonly server: FakeHttpServer;
  /** Errcodes the next sends answer, in order; then errcode 0. */
  readonly sendErrcodes: number[] = [];
  /** What the token path answers instead of a token, once per entry. */
  readonly tokenErrors: FakeResponse[] = [];
  issued = 0;
  /** When set, sends are answered only after it resolves (a slow platform). */
  sendGate?: Promise<void>;
  /** Files members sent, by media_id, as `media/get` hands them out. */
  readonly media = new Map<string, { data: Buffer; contentType: string }>();
  /** Errcodes the next uploads answer, in order; then a media_id. */
  readonly uploadErrcodes: number[] = [];

  constructor(
    private readonly tokenPath: string,
    private readonly sendPath: string,
  ) {
    this.server = new FakeHttpServer((call) => this.answer(call));
  }

  start(): Promise<string> {
    return this.server.start();
  }

  close(): Promise<void> {
    return this.server.close();
  }

  get tokenCalls(): RecordedCall[] {
    return this.server.callsTo(this.tokenPath);
  }

  get sendCalls(): RecordedCall[] {
    return this.server.callsTo(this.sendPath);
  }

  get downloads(): RecordedCall[] {
    return this.server.callsTo(MEDIA_GET);
  }

  get uploads(): RecordedCall[] {
    return this.server.callsTo(MEDIA_UPLOAD);
  }

  private async answer(call: RecordedCall): Promise<FakeResponse> {
    if (call.path === this.tokenPath) {
      const error = this.tokenErrors.shift();
      if (error !== undefined) return error;
      this.issued += 1;
      return { body: { errcode: 0, errmsg: 'ok', access_token: `token-${this.issued}`, expires_in: 7200 } };
    }
    if (call.path === this.sendPath) {
      await this.sendGate;
      if (call.query.access_token !== `token-${this.issued}`) return { body: { errcode: 40014, errmsg: 'invalid access_token' } };
      const errcode = this.sendErrcodes.shift() ?? 0;
      return { body: { errcode, errmsg: errcode === 0 ? 'ok' : 'scripted failure' } };
    }
    if (call.path === MEDIA_GET || call.path === MEDIA_UPLOAD) {
      if (call.query.access_token !== `token-${this.issued}`) return { body: { errcode: 40014, errmsg: 'invalid access_token' } };
      if (call.path === MEDIA_UPLOAD) {
        const errcode = this.uploadErrcodes.shift() ?? 0;
        if (errcode !== 0) return { body: { errcode, errmsg: 'scripted failure' } };
        return { body: { errcode: 0, type: call.query.type, media_id: `uploaded-${this.uploads.length}`, created_at: 1700000000 } };
      }
      const file = this.media.get(call.query.media_id ?? '');
      return file ? { binary: file.data, contentType: file.contentType } : { body: { errcode: 40007, errmsg: 'invalid media_id' } };
    }
    return { status: 404, raw: 'not found' };
  }
}
