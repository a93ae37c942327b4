import { useLiveChatService, addUser, asUser, online, openChat, say, signIn, waitingCustomer } from '../helpers/live-chat';
import { Conversation } from '../../src/domain/models';

const service = useLiveChatService('history');
const app = () => service().app;
const C = '/api/v1/console/conversations';
const H = '/api/v1/console/history';

describe('the inbox for real work: history, search, filters, transcripts', () => {
  let asBoss: ReturnType<typeof asUser>;
  let asAgent: ReturnType<typeof asUser>;
  let agent: Awaited<ReturnType<typeof addUser>>;
  let closedId = '';
  let customerId = '';

  beforeAll(async () => {
    asBoss = asUser(app(), await signIn(app(), { email: 'boss@example.com', password: 'first-admin-password' }));
    agent = await addUser('历史客服');
    asAgent = asUser(app(), await online(app(), agent));
    // A customer who left name and phone, asked for a human about a stain, was served and closed.
    const v = await waitingCustomer(app(), { locale: 'zh-CN', name: '黄蓉', phone: '13812345678' });
    await say(app(), v, '地毯上有一块红酒渍，能上门清洗吗？');
    await asAgent('POST', `${C}/${v.conversationId}/claim`);
    await asAgent('POST', `${C}/${v.conversationId}/messages`, { text: '可以的，明天上午安排师傅上门。' });
    await asAgent('POST', `${C}/${v.conversationId}/close`);
    closedId = v.conversationId;
    customerId = String((await Conversation.findById(closedId).lean())!.customer);
    // Someone else's chat, still with the bot.
    await say(app(), await openChat(app()), '你好');
  });

  const ids = async (query: string, as = asBoss) => {
    const res = await as('GET', `${H}${query}`);
    expect(res.statusCode).toBe(200);
    return (res.json().items as { id: string }[]).map((i) => i.id);
  };

  it('finds a closed chat by customer name, by the phone or its last four digits, and by words of the customer or the agent', async () => {
    expect(await ids('?status=closed')).toContain(closedId);
    expect(await ids(`?q=${encodeURIComponent('黄蓉')}`)).toContain(closedId);
    expect(await ids(`?q=${encodeURIComponent('138 1234 5678')}`)).toContain(closedId);
    expect(await ids('?q=5678')).toContain(closedId);
    expect(await ids(`?q=${encodeURIComponent('红酒渍')}`)).toContain(closedId);
    expect(await ids(`?q=${encodeURIComponent('安排师傅')}`)).toContain(closedId);
    expect(await ids(`?q=${encodeURIComponent('没有人说过这句话')}`)).toEqual([]);
  });

  it('filters by channel, status, agent, days and the customer’s tag', async () => {
    expect(await ids(`?channel=web&agentId=${agent.id}`)).toContain(closedId);
    expect(await ids('?channel=telegram')).not.toContain(closedId);
    expect(await ids('?status=bot')).not.toContain(closedId);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(await ids(`?from=${today}&to=${today}`)).toContain(closedId);
    expect(await ids('?to=2001-01-01')).toEqual([]);
    expect((await asAgent('PUT', `/api/v1/console/customers/${customerId}/tags`, { tags: ['VIP', '家政'] })).json().tags).toEqual(['VIP', '家政']);
    expect(await ids('?tag=VIP')).toEqual([closedId]);
    expect(await ids('?tag=Wholesale')).toEqual([]);
  });

  it('refuses malformed filters naming the field', async () => {
    for (const [query, field] of [['?from=yesterday', 'from'], ['?agentId=1', 'agentId'], ['?channel=fax', 'channel'], ['?limit=1000', 'limit'], ['?sort=name', 'sort']]) {
      const res = await asBoss('GET', `${H}${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await asAgent('PUT', `/api/v1/console/customers/${customerId}/tags`, { tags: 'VIP' })).json().error.details).toEqual([expect.objectContaining({ field: 'tags' })]);
  });

  it('shows an agent the history of their own chats only', async () => {
    const other = await addUser('别的客服');
    const asOther = asUser(app(), await online(app(), other));
    expect(await ids('?status=closed', asOther)).not.toContain(closedId);
    expect(await ids('?status=closed', asAgent)).toContain(closedId);
  });

  it('opens a closed chat with its whole transcript and the customer’s earlier chats', async () => {
    const detail = (await asAgent('GET', `${C}/${closedId}`)).json();
    expect(detail.conversation).toMatchObject({ status: 'closed', closedAt: expect.any(String), createdAt: expect.any(String), assignee: { name: '历史客服' } });
    expect(detail.messages.map((m: { author: string }) => m.author)).toEqual(expect.arrayContaining(['bot', 'customer', 'agent', 'system']));
    const panel = (await asAgent('GET', `/api/v1/console/customers/${customerId}`)).json();
    expect(panel.conversations.map((c: { id: string }) => c.id)).toContain(closedId);
    expect(panel.customer).toMatchObject({ name: '黄蓉', tags: ['VIP', '家政'] });
  });

  it('fills canned replies in for the conversation: no raw {{salutation}} in the picker', async () => {
    const list = (await asAgent('GET', `${C}/${closedId}/canned-replies?q=${encodeURIComponent('开场白')}`)).json();
    expect(list[0]).toMatchObject({ title: '开场白', text: expect.stringContaining('{{salutation}}') });
    expect(list[0].filled).toContain(`我是${agent.agentNumber}号客服人员`);
    expect(list[0].filled).not.toContain('{{');
    expect(list[0].filled).toContain('贵州飞满天酒业有限公司');
  });
});
