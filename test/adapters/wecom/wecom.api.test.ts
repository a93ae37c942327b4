import { WeComApi } from '../../../adapters/wecom/wecom.api';
import { FakeHttpServer } from '../helpers/fake-http-server';
import { FakeWeChatPlatform } from '../helpers/fake-wechat-platform';
import { failureOf } from '../helpers/failure-of';

const credentials = { corpId: 'ww1436e0e65a779aee', corpSecret: 'corp-secret-value', agentId: 1000002 };

describe('WeComApi against a fake WeCom', () => {
  let platform: FakeWeChatPlatform;
  let api: WeComApi;

  beforeEach(async () => {
    platform = new FakeWeChatPlatform('/cgi-bin/gettoken', '/cgi-bin/message/send');
    api = new WeComApi({ ...credentials, baseUrl: await platform.start() });
  });

  afterEach(() => platform.close());

  it('fetches a token once and reuses it across sends', async () => {
    await api.sendText('ChenJiaShun', '你好');
    await api.sendText('ChenJiaShun', '再见');
    expect(platform.tokenCalls).toHaveLength(1);
    expect(platform.tokenCalls[0].query).toEqual({ corpid: credentials.corpId, corpsecret: credentials.corpSecret });
    expect(platform.sendCalls.map((call) => call.query.access_token)).toEqual(['token-1', 'token-1']);
    expect(platform.sendCalls[0].body).toEqual({ touser: 'ChenJiaShun', msgtype: 'text', agentid: 1000002, text: { content: '你好' } });
  });

  it('on 42001 refreshes the token exactly once and retries exactly once', async () => {
    await api.sendText('u1', 'first');
    platform.sendErrcodes.push(42001);
    await api.sendText('u1', 'second');
    expect(platform.tokenCalls).toHaveLength(2);
    expect(platform.sendCalls.map((call) => [call.query.access_token, (call.body as { text: { content: string } }).text.content])).toEqual([
      ['token-1', 'first'],
      ['token-1', 'second'],
      ['token-2', 'second'],
    ]);
  });

  it('shares one refresh between concurrent sends that all hit an expired token', async () => {
    await api.sendText('u0', 'warm up');
    platform.issued += 1; // the platform now only accepts a token nobody has fetched yet
    platform.sendErrcodes.length = 0;
    await Promise.all(['u1', 'u2', 'u3'].map((user) => api.sendText(user, 'hi')));
    expect(platform.tokenCalls).toHaveLength(2);
    expect(platform.sendCalls.filter((call) => call.query.access_token === 'token-3')).toHaveLength(3);
  });

  it('gives up after one retry when the new token is refused too', async () => {
    platform.sendErrcodes.push(42001, 42001);
    const error = await failureOf(api.sendText('u1', 'hi'));
    expect(error).toMatchObject({ platform: 'wecom', platformCode: 42001, retryable: false });
    expect(platform.sendCalls).toHaveLength(2);
    expect(platform.tokenCalls).toHaveLength(2);
  });

  it.each([
    [45009, true],
    [-1, true],
    [60020, false],
    [81013, false],
  ])('maps errcode %i to a ChannelError with retryable=%s and no token refresh', async (errcode, retryable) => {
    platform.sendErrcodes.push(errcode);
    const error = await failureOf(api.sendText('u1', 'hi'));
    expect(error).toMatchObject({ platformCode: errcode, retryable });
    expect(platform.tokenCalls).toHaveLength(1);
    expect(platform.sendCalls).toHaveLength(1);
  });

  it('splits content over 2048 bytes into ordered parts on character boundaries', async () => {
    const content = `${'客服'.repeat(500)}\n${'订单'.repeat(500)}`; // 6001 bytes
    await api.sendText('u1', content);
    const parts = platform.sendCalls.map((call) => (call.body as { text: { content: string } }).text.content);
    expect(parts.length).toBe(3);
    expect(parts.join('')).toBe(content);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(2048);
  });

  it('refuses to send an empty text', async () => {
    expect(await failureOf(api.sendText('u1', ''))).toMatchObject({ platformCode: 'empty_text', retryable: false });
    expect(platform.server.calls).toHaveLength(0);
  });

  it('reports a gettoken error without sending and without leaking the secret', async () => {
    platform.tokenErrors.push({ body: { errcode: 40001, errmsg: 'invalid credential' } });
    const error = await failureOf(api.sendText('u1', 'hi'));
    expect(error).toMatchObject({ platformCode: 40001, retryable: false });
    expect(error.message).not.toContain(credentials.corpSecret);
    expect(platform.sendCalls).toHaveLength(0);
  });

  it('treats a 502 page as retryable and a 4xx page as final', async () => {
    platform.tokenErrors.push({ status: 502, raw: '<html>Bad Gateway</html>' }, { status: 403, raw: 'Forbidden' });
    expect(await failureOf(api.sendText('u1', 'hi'))).toMatchObject({ platformCode: 'http_502', retryable: true });
    expect(await failureOf(api.sendText('u1', 'hi'))).toMatchObject({ platformCode: 'http_403', retryable: false });
  });
});

describe('WeComApi transport failures', () => {
  it('turns a refused connection and a timeout into retryable ChannelErrors', async () => {
    const closed = new FakeHttpServer(() => ({ body: {} }));
    const closedUrl = await closed.start();
    await closed.close();
    const refused = await failureOf(new WeComApi({ ...credentials, baseUrl: closedUrl }).sendText('u1', 'hi'));
    expect(refused).toMatchObject({ retryable: true, platformCode: 'ECONNREFUSED' });

    const slow = new FakeHttpServer(() => new Promise(() => undefined));
    try {
      const timedOut = await failureOf(new WeComApi({ ...credentials, baseUrl: await slow.start(), timeoutMs: 50 }).sendText('u1', 'hi'));
      expect(timedOut).toMatchObject({ retryable: true, platformCode: 'ECONNABORTED' });
      expect(timedOut.message).not.toContain(credentials.corpSecret);
    } finally {
      await slow.close();
    }
  });
});
