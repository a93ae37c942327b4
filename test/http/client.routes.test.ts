import { useLiveChatService, openChat, say, transcript, waitingCustomer, addUser, online, eventually } from '../helpers/live-chat';
import { Conversation, Customer, Message } from '../../src/domain/models';

const service = useLiveChatService('client_routes');
const app = () => service().app;

describe('the public client API', () => {
  beforeAll(async () => {
    // An online agent, so that asking for a human hands off instead of leaving a message.
    await online(app(), await addUser('在线客服'));
  });

  it('opens a conversation with a token and the greeting, storing only the token hash', async () => {
    const res = await app().inject({ method: 'POST', url: '/api/v1/client/conversations', payload: { locale: 'zh-CN', name: '张三', phone: '138 1234 5678' } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.messages[0]).toMatchObject({ author: 'bot', id: expect.any(String), createdAt: expect.any(String) });
    expect(body.messages[0].text).toContain('贵州飞满天酒业有限公司');
    const stored = await Conversation.findById(body.conversationId).lean();
    expect(stored).toMatchObject({ channel: 'web', status: 'bot' });
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(body.token);
    expect(await Customer.findById(stored?.customer).lean()).toMatchObject({ name: '张三', phone: '+8613812345678' });
  });

  it('refuses an invalid pre-chat phone with a 400 naming the field, and creates nothing', async () => {
    const before = await Conversation.countDocuments();
    const res = await app().inject({ method: 'POST', url: '/api/v1/client/conversations', payload: { name: '李四', phone: '12345' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'phone' }] });
    expect(await Conversation.countDocuments()).toBe(before);
  });

  it('answers a message with the bot’s replies, and a retry with the same clientMessageId with the same replies, stored once', async () => {
    const v = await openChat(app());
    const first = await say(app(), v, { text: '菜单', clientMessageId: 'c-1' });
    expect(first.statusCode).toBe(200);
    expect(first.json().messages.length).toBeGreaterThan(0);
    expect(first.json().messages[0]).toMatchObject({ author: 'bot' });
    const retry = await say(app(), v, { text: '菜单', clientMessageId: 'c-1' });
    expect(retry.json()).toEqual(first.json());
    expect(await Message.countDocuments({ conversation: v.conversationId, author: 'customer' })).toBe(1);
  });

  it('keeps one visitor’s clientMessageId apart from another’s', async () => {
    const a = await openChat(app());
    const b = await openChat(app());
    await say(app(), a, { text: '菜单', clientMessageId: 'same-id' });
    await say(app(), b, { text: '你好', clientMessageId: 'same-id' });
    expect(await Message.countDocuments({ conversation: b.conversationId, author: 'customer', text: '你好' })).toBe(1);
  });

  it('refuses a missing or wrong token with 401 and another conversation’s token with 404, storing nothing', async () => {
    const mine = await openChat(app());
    const other = await openChat(app());
    const url = `/api/v1/client/conversations/${mine.conversationId}/messages`;
    const before = await Message.countDocuments();
    expect((await app().inject({ method: 'POST', url, payload: { text: 'hi' } })).statusCode).toBe(401);
    expect((await app().inject({ method: 'POST', url, headers: { authorization: 'Bearer not-the-token' }, payload: { text: 'hi' } })).statusCode).toBe(401);
    const foreign = await app().inject({ method: 'POST', url, headers: { authorization: `Bearer ${other.token}` }, payload: { text: 'hi' } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('CONVERSATION_NOT_FOUND');
    expect((await app().inject({ method: 'GET', url, headers: { authorization: `Bearer ${other.token}` } })).statusCode).toBe(404);
    expect(await Message.countDocuments()).toBe(before);
  });

  it.each([
    ['an operator object as text', { text: { $ne: 1 } }],
    ['an operator object as choice', { choice: { $gt: '' } }],
    ['a $-key beside the fields', { text: 'hi', $where: 'sleep(1000)' }],
    ['neither text nor choice', { clientMessageId: 'x1' }],
    ['a text over 8000 characters', { text: 'a'.repeat(8001) }],
    ['a malformed clientMessageId', { text: 'hi', clientMessageId: 'bad id!' }],
    ['a blank text', { text: '   ' }],
  ])('rejects %s with 400 and stores nothing', async (_label, body) => {
    const v = await openChat(app());
    const before = await Message.countDocuments({ conversation: v.conversationId });
    const res = await say(app(), v, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(await Message.countDocuments({ conversation: v.conversationId })).toBe(before);
  });

  it('takes a text of 8000 characters whole, and names the limit when refusing a longer one', async () => {
    const v = await openChat(app());
    const whole = '长'.repeat(8000);
    expect((await say(app(), v, { text: whole })).statusCode).toBe(200);
    expect((await Message.findOne({ conversation: v.conversationId, author: 'customer' }).lean())?.text).toBe(whole);
    const refused = await say(app(), v, { text: `${whole}!` });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([{ field: 'text', message: 'must be at most 8000 characters' }]);
  });

  it('names the unexpected key of a rejected body', async () => {
    const v = await openChat(app());
    const res = await say(app(), v, { text: 'hi', $where: '1' });
    expect(res.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: '$where' })]));
  });

  it('keeps $-words in a text as data', async () => {
    const v = await openChat(app());
    expect((await say(app(), v, { text: '{"$ne": 1} 是什么意思' })).statusCode).toBe(200);
    expect(await Message.exists({ conversation: v.conversationId, text: '{"$ne": 1} 是什么意思' })).toBeTruthy();
  });

  it('returns the transcript after a cursor, and the queue position while waiting', async () => {
    const ahead = await waitingCustomer(app());
    const v = await waitingCustomer(app());
    // The queue position comes as a system message right after the hand-off.
    const all = await eventually(async () => {
      const t = await transcript(app(), v);
      return t.messages.some((m) => m.author === 'system') && t;
    });
    expect(all.messages.map((m) => m.author)).toEqual(expect.arrayContaining(['bot', 'customer']));
    expect(all.cursor).toBe(all.messages[all.messages.length - 1].id);
    expect(all.conversation).toMatchObject({ status: 'waiting', queuePosition: expect.any(Number) });
    expect(all.conversation.queuePosition).toBeGreaterThanOrEqual(1);
    const later = await transcript(app(), v, all.cursor);
    expect(later.messages).toEqual([]);
    expect(later.cursor).toBe(all.cursor);
    expect((await transcript(app(), ahead)).conversation.queuePosition).toBeLessThan(all.conversation.queuePosition!);
  });

  it('tells a customer who is handed off how many are ahead of them', async () => {
    const v = await waitingCustomer(app());
    await eventually(async () => (await transcript(app(), v)).messages.some((m) => m.author === 'system' && /前面还有 \d+ 位客户在等待|您是下一位/.test(m.text)));
  });

  it('refuses a rating before an agent closed the chat (409)', async () => {
    const v = await openChat(app());
    const res = await app().inject({
      method: 'POST',
      url: `/api/v1/client/conversations/${v.conversationId}/rating`,
      headers: { authorization: `Bearer ${v.token}` },
      payload: { overall: 5 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('NOT_RATEABLE');
  });

  it('answers the browser’s CORS preflight for sites that embed the widget', async () => {
    const res = await app().inject({ method: 'OPTIONS', url: '/api/v1/client/conversations', headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST' } });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers['access-control-allow-headers'])).toContain('authorization');
  });

  it('documents every live-chat route in /openapi.json with a tag and a summary', async () => {
    const doc = (await app().inject({ method: 'GET', url: '/openapi.json' })).json();
    const expected = [
      '/api/v1/client/conversations', '/api/v1/client/conversations/{id}/messages', '/api/v1/client/conversations/{id}/rating',
      '/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/auth/me', '/api/v1/console/me/presence', '/api/v1/console/agents',
      '/api/v1/console/conversations', '/api/v1/console/conversations/{id}', '/api/v1/console/conversations/{id}/claim',
      '/api/v1/console/conversations/{id}/messages', '/api/v1/console/conversations/{id}/transfer', '/api/v1/console/conversations/{id}/return-to-bot',
      '/api/v1/console/conversations/{id}/close', '/api/v1/console/phrases/check', '/api/v1/console/forbidden-phrases', '/api/v1/console/forbidden-phrases/{id}',
      '/api/v1/console/violations', '/api/v1/console/canned-replies', '/api/v1/console/conversations/{id}/canned-replies/{replyId}/render',
      '/api/v1/console/customers/{id}', '/api/v1/console/leads', '/api/v1/console/orders', '/api/v1/console/complaints', '/api/v1/console/leads/{id}', '/api/v1/console/complaints/{id}',
    ];
    for (const path of expected) {
      expect(doc.paths[path]).toBeDefined();
      for (const op of Object.values(doc.paths[path]) as { tags?: string[]; summary?: string }[]) {
        expect(op.tags?.length).toBeGreaterThan(0);
        expect(op.summary).toBeTruthy();
      }
    }
  });
});
