import { WeChatMpApi } from '../../../adapters/wechat-mp/wechat-mp.api';
import { FakeWeChatPlatform } from '../helpers/fake-wechat-platform';
import { failureOf } from '../helpers/failure-of';

const credentials = { appId: 'wx2c2769f8efd9abc2', appSecret: 'app-secret-value' };
const openid = 'oyORnuP8q7ou2gfYjqLzSIWZf0rs';

describe('WeChatMpApi against a fake Official Account API', () => {
  let platform: FakeWeChatPlatform;
  let api: WeChatMpApi;

  beforeEach(async () => {
    platform = new FakeWeChatPlatform('/cgi-bin/token', '/cgi-bin/message/custom/send');
    api = new WeChatMpApi({ ...credentials, baseUrl: await platform.start() });
  });

  afterEach(() => platform.close());

  it('sends customer-service text with a token fetched once', async () => {
    await api.sendText(openid, '您好');
    await api.sendText(openid, '请稍等');
    expect(platform.tokenCalls).toHaveLength(1);
    expect(platform.tokenCalls[0].query).toEqual({ grant_type: 'client_credential', appid: credentials.appId, secret: credentials.appSecret });
    expect(platform.sendCalls.map((call) => call.body)).toEqual([
      { touser: openid, msgtype: 'text', text: { content: '您好' } },
      { touser: openid, msgtype: 'text', text: { content: '请稍等' } },
    ]);
  });

  it.each([42001, 40014, 41001, 40001])('on errcode %i refreshes the token once and retries once', async (errcode) => {
    platform.sendErrcodes.push(errcode);
    await api.sendText(openid, 'hi');
    expect(platform.tokenCalls).toHaveLength(2);
    expect(platform.sendCalls.map((call) => call.query.access_token)).toEqual(['token-1', 'token-2']);
  });

  it('reports a closed 48-hour window (45015) as final and busy (-1) as retryable', async () => {
    platform.sendErrcodes.push(45015, -1);
    expect(await failureOf(api.sendText(openid, 'hi'))).toMatchObject({ platform: 'wechat-mp', platformCode: 45015, retryable: false });
    expect(await failureOf(api.sendText(openid, 'hi'))).toMatchObject({ platformCode: -1, retryable: true });
    expect(platform.tokenCalls).toHaveLength(1);
  });

  it('accepts the token answer without errcode, as the Official Account sends it', async () => {
    platform.tokenErrors.push({ body: { access_token: 'token-1', expires_in: 7200 } });
    platform.issued = 1;
    await api.sendText(openid, 'hi');
    expect(platform.sendCalls.map((call) => call.query.access_token)).toEqual(['token-1']);
  });

  it('splits long text into parts of at most 2048 bytes', async () => {
    const content = '😀'.repeat(1000); // 4000 bytes
    await api.sendText(openid, content);
    const parts = platform.sendCalls.map((call) => (call.body as { text: { content: string } }).text.content);
    expect(parts.map((part) => Buffer.byteLength(part))).toEqual([2048, 1952]);
    expect(parts.join('')).toBe(content);
  });
});
