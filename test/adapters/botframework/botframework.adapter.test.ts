import { Message } from '../../../src/domain/message/message.model';
import { FakeHttpServer } from '../helpers/fake-http-server';
import { settledRepliesTo, startChannelService, type ChannelService } from '../helpers/channel-service';

jest.setTimeout(60_000);

type SentActivity = { type: string; text: string; replyToId?: string; suggestedActions?: { actions: { title: string; value: string }[] } };

let activityId = 1;
/** A hand-built message Activity as a channel would POST it; replies go to `serviceUrl`. */
function activity(serviceUrl: string, conversationId: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `act-${activityId++}`,
    channelId: 'emulator',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `user-${conversationId}`, name: 'Alice' },
    recipient: { id: 'kefu-bot', name: 'kefu' },
    conversation: { id: conversationId },
    text,
    locale: 'zh-CN',
    ...extra,
  };
}

describe('Bot Framework adapter without an app id (authentication off)', () => {
  let connector: FakeHttpServer;
  let serviceUrl: string;
  let running: ChannelService;

  beforeAll(async () => {
    connector = new FakeHttpServer((call) => ({ body: { id: `reply-${connector.calls.length}`, path: call.path } }));
    serviceUrl = `${await connector.start()}/`;
    running = await startChannelService('botframework_open', { BOTFRAMEWORK_ENABLED: 'true' });
  });

  afterAll(async () => {
    await running?.close();
    await connector?.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    running.service.app.inject({ method: 'POST', url: '/api/messages', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });

  it('takes an activity without a token, answers 200, and replies through the serviceUrl with suggested actions', async () => {
    const incoming = activity(serviceUrl, 'conv-a', '你好');
    const res = await post(incoming);
    expect(res.statusCode).toBe(200);
    const replies = await settledRepliesTo('botframework', `conv-a:${incoming.id}`);
    expect(replies.every((m) => m.delivery?.state === 'sent')).toBe(true);
    const posted = connector.calls.filter((c) => c.path.startsWith('/v3/conversations/conv-a/activities'));
    expect(posted.length).toBe(replies.length);
    expect(posted[0].path).toBe(`/v3/conversations/conv-a/activities/${incoming.id}`);
    const sent = posted.map((c) => c.body as SentActivity);
    expect(sent[0]).toMatchObject({ type: 'message', text: expect.stringMatching(/安心家政/) });
    expect(sent.flatMap((a) => a.suggestedActions?.actions ?? []).map((a) => a.title)).toContain('转人工客服');
  });

  it('stores a retried activity once', async () => {
    const incoming = activity(serviceUrl, 'conv-b', '你好');
    const answers = await Promise.all([post(incoming), post(incoming)]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(await Message.countDocuments({ channel: 'botframework', channelMessageId: `conv-b:${incoming.id}` })).toBe(1);
    await settledRepliesTo('botframework', `conv-b:${incoming.id}`);
  });

  it('refuses an activity whose text, ids or serviceUrl have the wrong type (400) and stores nothing', async () => {
    const before = await Message.countDocuments();
    const cases: [string, unknown][] = [
      ['text', activity(serviceUrl, 'conv-t1', '你好', { text: { $ne: '' } })],
      ['conversation.id', activity(serviceUrl, 'conv-t2', '你好', { conversation: { id: 42 } })],
      ['from', activity(serviceUrl, 'conv-t3', '你好', { from: 'alice' })],
      ['serviceUrl', activity(serviceUrl, 'conv-t4', '你好', { serviceUrl: 'not a url' })],
      ['activity', ['not', 'an', 'activity']],
    ];
    for (const [field, body] of cases) {
      const res = await post(body);
      expect([field, res.statusCode]).toEqual([field, 400]);
      expect(res.json().error.message).toContain(`${field}:`);
    }
    expect(await Message.countDocuments()).toBe(before);
    expect((await post({ type: 'typing', from: { id: 'u' }, conversation: { id: 'c' } })).statusCode).not.toBe(400);
  });

  it('returns the replies in the body for deliveryMode expectReplies, sending nothing to the serviceUrl', async () => {
    const before = connector.calls.length;
    const incoming = activity(serviceUrl, 'conv-c', 'hello', { deliveryMode: 'expectReplies', locale: 'en-US' });
    const res = await post(incoming);
    expect(res.statusCode).toBe(200);
    const { activities } = res.json() as { activities: SentActivity[] };
    expect(activities.length).toBeGreaterThan(0);
    expect(activities.every((a) => a.type === 'message' && a.text.length > 0)).toBe(true);
    const stored = await Message.find({ channel: 'botframework', direction: 'out', 'delivery.state': 'inline' }).lean();
    expect(stored.map((m) => m.text)).toEqual(activities.map((a) => a.text));
    expect(connector.calls.length).toBe(before);
  });
});

describe('Bot Framework adapter with an app id', () => {
  let running: ChannelService;

  beforeAll(async () => {
    // CloudAdapter logs refused tokens with console.error; the status code is what is checked.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    running = await startChannelService('botframework_auth', { MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'app-password' });
  });

  afterAll(() => running?.close());

  it('answers 401 to an activity without a token and stores nothing', async () => {
    const res = await running.service.app.inject({ method: 'POST', url: '/api/messages', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(activity('http://127.0.0.1:9/', 'conv-x', '你好')) });
    expect(res.statusCode).toBe(401);
    const forged = await running.service.app.inject({ method: 'POST', url: '/api/messages', headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.jwt' }, payload: JSON.stringify(activity('http://127.0.0.1:9/', 'conv-y', '你好')) });
    expect(forged.statusCode).toBe(401);
    expect(await Message.countDocuments()).toBe(0);
  });
});
