import { useLiveChatService, addUser, online, signIn, openChat, say, transcript, waitingCustomer, asUser, eventually, type Visitor } from '../helpers/live-chat';
import { AuditLog, Conversation, Message } from '../../src/domain/models';
import type { ChannelAdapter, ConversationRef } from '../../src/channels/channel-adapter';
import type { OutboundMessage } from '../../src/core/message';

const service = useLiveChatService('console_chat');
const app = () => service().app;
const C = '/api/v1/console/conversations';

describe('agents serving live chats in the console', () => {
  let wang: Awaited<ReturnType<typeof addUser>>;
  let li: Awaited<ReturnType<typeof addUser>>;
  let asWang: ReturnType<typeof asUser>;
  let asLi: ReturnType<typeof asUser>;
  let asBoss: ReturnType<typeof asUser>;

  beforeAll(async () => {
    wang = await addUser('王小明');
    li = await addUser('李晓华');
    asWang = asUser(app(), await online(app(), wang));
    asLi = asUser(app(), await online(app(), li));
    asBoss = asUser(app(), await signIn(app(), { email: 'boss@example.com', password: 'first-admin-password' }));
  });

  async function claimed(): Promise<Visitor> {
    const v = await waitingCustomer(app());
    expect((await asWang('POST', `${C}/${v.conversationId}/claim`)).statusCode).toBe(200);
    return v;
  }

  it('lists waiting chats with serious complaints first, then the longest wait', async () => {
    const first = await waitingCustomer(app());
    const second = await waitingCustomer(app());
    // A serious complaint (broken goods, an injury) arrives last and is handed off with priority 10.
    const serious = await openChat(app());
    await say(app(), serious, '我要投诉');
    await say(app(), serious, '快递送来的酒瓶打碎了，我拆箱的时候还划伤了手');
    const escalated = await say(app(), serious, '我的电话是139 1234 5678');
    expect(escalated.json().messages.map((m: { text: string }) => m.text).join()).toContain('已立即上报客服部经理');
    const res = await asWang('GET', `${C}?view=waiting`);
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((i: { id: string }) => i.id);
    expect(ids.filter((id: string) => [first, second, serious].some((v) => v.conversationId === id))).toEqual([serious.conversationId, first.conversationId, second.conversationId]);
    const item = res.json().items[0];
    expect(item).toMatchObject({ status: 'waiting', priority: 10, handoffReason: 'serious_complaint', channel: 'web', customer: { id: expect.any(String) }, waitSeconds: expect.any(Number) });
  });

  it('in manual mode leaves a hand-off in the queue until an agent claims it', async () => {
    const v = await waitingCustomer(app());
    await eventually(async () => (await transcript(app(), v)).messages.some((m) => m.author === 'system'));
    expect((await Conversation.findById(v.conversationId).lean())).toMatchObject({ status: 'waiting', handoffReason: 'customer_request' });
    expect((await Conversation.findById(v.conversationId).lean())?.assignee).toBeUndefined();
  });

  it('lets one agent claim a waiting chat; a second claim is 409 and the customer sees who serves them', async () => {
    const v = await waitingCustomer(app());
    const claim = await asWang('POST', `${C}/${v.conversationId}/claim`);
    expect(claim.json().conversation).toMatchObject({ status: 'assigned', assignee: { id: wang.id, name: '王小明', agentNumber: wang.agentNumber } });
    const again = await asLi('POST', `${C}/${v.conversationId}/claim`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CHAT_NOT_CLAIMABLE');
    const seen = await transcript(app(), v);
    expect(seen.conversation).toEqual({ status: 'assigned', agent: { name: '王小明', number: wang.agentNumber } });
    expect(seen.messages.some((m) => m.author === 'system' && m.text.includes(`王小明（${wang.agentNumber}号客服人员）`))).toBe(true);
    expect((await asWang('GET', `${C}?view=mine`)).json().items.map((i: { id: string }) => i.id)).toContain(v.conversationId);
    expect(await AuditLog.exists({ action: 'conversation.claim', 'entity.id': v.conversationId })).toBeTruthy();
  });

  it('sends the assignee’s reply to the customer with their name and number; the bot stays silent', async () => {
    const v = await claimed();
    const res = await asWang('POST', `${C}/${v.conversationId}/messages`, { text: '您好，请问有什么可以帮您？' });
    expect(res.statusCode).toBe(201);
    expect(res.json().message).toMatchObject({ author: 'agent', agent: { name: '王小明', number: wang.agentNumber }, delivery: { state: 'none' } });
    const stored = await Message.findById(res.json().message.id).lean();
    expect(stored?.agent).toMatchObject({ name: '王小明', number: wang.agentNumber });
    expect(String(stored?.agent?.id)).toBe(wang.id);
    expect((await Conversation.findById(v.conversationId).lean())?.firstHumanResponseAt).toBeInstanceOf(Date);
    const seen = await transcript(app(), v);
    const reply = seen.messages.find((m) => m.author === 'agent');
    expect(reply).toMatchObject({ text: '您好，请问有什么可以帮您？', agent: { name: '王小明', number: wang.agentNumber } });
    expect(reply).not.toHaveProperty('delivery');
    const answer = await say(app(), v, '我想订两瓶酒');
    expect(answer.json().messages).toEqual([]);
  });

  it('lets only the assignee or a manager reply, and only once the chat is claimed', async () => {
    const waiting = await waitingCustomer(app());
    expect((await asWang('POST', `${C}/${waiting.conversationId}/messages`, { text: '您好' })).json().error.code).toBe('CHAT_NOT_ASSIGNED');
    const v = await claimed();
    const other = await asLi('POST', `${C}/${v.conversationId}/messages`, { text: '您好' });
    expect(other.statusCode).toBe(403);
    expect((await asBoss('POST', `${C}/${v.conversationId}/messages`, { text: '您好，我是客服主管。' })).statusCode).toBe(201);
  });

  it('keeps internal notes in the console: never in the customer’s transcript', async () => {
    const v = await claimed();
    // Only someone who may read the chat leaves a note on it: another agent is refused.
    expect((await asLi('POST', `${C}/${v.conversationId}/messages`, { text: '偷看一下', internal: true })).statusCode).toBe(403);
    const note = await asWang('POST', `${C}/${v.conversationId}/messages`, { text: '老客户，上次投诉过物流', internal: true });
    expect(note.statusCode).toBe(201);
    expect(note.json().message).toMatchObject({ internal: true, delivery: { state: 'none' } });
    expect((await transcript(app(), v)).messages.map((m) => m.text)).not.toContain('老客户，上次投诉过物流');
    const detail = (await asWang('GET', `${C}/${v.conversationId}`)).json();
    expect(detail.messages.find((m: { text: string }) => m.text === '老客户，上次投诉过物流')).toMatchObject({ internal: true });
  });

  it('transfers a chat to an online agent, never to an offline one', async () => {
    const v = await claimed();
    const offline = await addUser('离线客服');
    expect((await asWang('POST', `${C}/${v.conversationId}/transfer`, { agentId: offline.id })).json().error.code).toBe('AGENT_UNAVAILABLE');
    const res = await asWang('POST', `${C}/${v.conversationId}/transfer`, { agentId: li.id });
    expect(res.json().conversation.assignee).toMatchObject({ id: li.id });
    expect((await asWang('POST', `${C}/${v.conversationId}/messages`, { text: '还在吗' })).statusCode).toBe(403);
    expect((await asLi('POST', `${C}/${v.conversationId}/messages`, { text: '您好，我来继续为您服务。' })).statusCode).toBe(201);
    expect((await transcript(app(), v)).conversation.agent).toEqual({ name: '李晓华', number: li.agentNumber });
  });

  it('returns a chat to the bot, which then answers the customer again', async () => {
    const v = await claimed();
    const res = await asWang('POST', `${C}/${v.conversationId}/return-to-bot`);
    expect(res.json().conversation.status).toBe('bot');
    expect(res.json().conversation.assignee).toBeUndefined();
    const stored = await Conversation.findById(v.conversationId).lean();
    expect(stored?.flow).toBeNull();
    expect((await say(app(), v, '菜单')).json().messages.length).toBeGreaterThan(0);
  });

  it('closes a chat: the customer is asked to rate, rates once, and their next message opens a new conversation', async () => {
    const v = await claimed();
    await asWang('POST', `${C}/${v.conversationId}/messages`, { text: '您好，已为您处理好了。' });
    const closed = await asWang('POST', `${C}/${v.conversationId}/close`);
    expect(closed.json().conversation.status).toBe('closed');
    const stored = await Conversation.findById(v.conversationId).lean();
    expect(stored).toMatchObject({ openKey: `closed:${v.conversationId}`, closedBy: expect.anything(), closedAt: expect.any(Date) });
    const seen = await transcript(app(), v);
    expect(seen.conversation.status).toBe('closed');
    expect(seen.messages[seen.messages.length - 1]).toMatchObject({ author: 'system', text: expect.stringContaining('评价') });
    expect((await say(app(), v, '还有个问题')).json().error.code).toBe('CONVERSATION_CLOSED');
    expect((await asWang('POST', `${C}/${v.conversationId}/close`)).statusCode).toBe(409);

    const rate = (body: object) =>
      app().inject({ method: 'POST', url: `/api/v1/client/conversations/${v.conversationId}/rating`, headers: { authorization: `Bearer ${v.token}` }, payload: body });
    // The overall score is required; each dimension is optional and 1–5 when given.
    expect((await rate({ attitude: 5, speed: 5, resolution: 5 })).json().error.details).toEqual([expect.objectContaining({ field: 'overall' })]);
    expect((await rate({ overall: 5, attitude: 6 })).json().error.details).toEqual([expect.objectContaining({ field: 'attitude' })]);
    expect((await rate({ overall: '5' })).statusCode).toBe(400);
    const rated = await rate({ overall: 4, attitude: 5, resolution: 5, comment: '很耐心' });
    expect(rated.statusCode).toBe(200);
    expect(rated.json().rating).toEqual({ overall: 4, attitude: 5, resolution: 5, comment: '很耐心' });
    expect((await rate({ overall: 1 })).json().error.code).toBe('ALREADY_RATED');
    const detail = (await asWang('GET', `${C}/${v.conversationId}`)).json().conversation;
    expect(detail.rating).toMatchObject({ overall: 4, attitude: 5, resolution: 5, comment: '很耐心' });
    expect(detail.rating.speed).toBeUndefined();
    expect(detail.sla).toEqual({ firstResponseSeconds: expect.any(Number), handlingSeconds: expect.any(Number) });

    // The same thread writing again (as a channel adapter would deliver it) starts afresh.
    const next = await service().conversations.receive({ channel: 'web', externalUserId: stored!.externalUserId, conversationKey: stored!.conversationKey, channelMessageId: 'after-close-1', text: '你好' });
    await next.replies;
    expect(next.conversationId).not.toBe(v.conversationId);
  });

  it('sends an agent’s reply through the channel’s adapter and records the delivery', async () => {
    const sent: { to: ConversationRef; messages: OutboundMessage[] }[] = [];
    // A stand-in for a platform (as an adapter test would run against a fake server).
    const telegram: ChannelAdapter = {
      channel: 'telegram',
      start: async () => undefined,
      stop: async () => undefined,
      send: async (to, messages) => void sent.push({ to, messages }),
      status: () => ({ channel: 'telegram', enabled: true, connected: true }),
    };
    service().adapters.register(telegram);
    const received = await service().conversations.receive({ channel: 'telegram', externalUserId: 'tg-42', conversationKey: 'tg-42', channelMessageId: 'tg-1', text: '转人工', displayName: '老张' });
    await received.replies;
    const id = received.conversationId;
    await eventually(async () => (await Conversation.findById(id).lean())?.status === 'waiting');
    await asWang('POST', `${C}/${id}/claim`);
    const reply = await asWang('POST', `${C}/${id}/messages`, { text: '您好，我是王小明，为您服务。' });
    expect(reply.json().message.delivery.state).toBe('pending');
    await eventually(async () => (await Message.findById(reply.json().message.id).lean())?.delivery?.state === 'sent');
    const delivered = sent.flatMap((s) => s.messages).find((m) => m.author === 'agent');
    expect(delivered).toEqual({ author: 'agent', text: '您好，我是王小明，为您服务。', agent: { name: '王小明', number: wang.agentNumber } });
    expect(sent.every((s) => s.to.externalUserId === 'tg-42')).toBe(true);
  });

  it('shows managers every conversation and agents the list of colleagues with their load', async () => {
    const all = await asBoss('GET', `${C}?view=all`);
    expect(all.statusCode).toBe(200);
    expect(all.json().items.length).toBeGreaterThan(3);
    const agents = (await asWang('GET', '/api/v1/console/agents')).json();
    expect(agents.find((a: { id: string }) => a.id === wang.id)).toMatchObject({ name: '王小明', presence: 'online', activeChats: expect.any(Number), maxChats: 5 });
  });
});
