import { FakeHttpServer, type FakeResponse, type RecordedCall } from './fake-http-server';

/**
 * A fake WeCom / Official Account API: hands out token-1, token-2… from the token path, refuses sends
 * with any token but the newest (as the Official Account does), and answers scripted errcodes.
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
    return { status: 404, raw: 'not found' };
  }
}
